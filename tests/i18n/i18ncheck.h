#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>

// Shared judgement of "is this text Chinese": it has CJK ideographs and no
// English word left over (identifiers such as HTTP or inode are allowed).
namespace I18nCheck {

using namespace Qt::StringLiterals;

inline bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF))
            return true;
    }
    return false;
}

// Words that stay as they are in the Chinese UI.
inline const QStringList &keptWords()
{
    static const QStringList words {u"SMH"_s, u"HTTP"_s, u"HTTPS"_s, u"JSON"_s, u"CSV"_s, u"TLS"_s,
        u"URL"_s, u"ID"_s, u"CA"_s, u"PEM"_s, u"Qt"_s, u"inode"_s, u"INODE"_s, u"requestId"_s,
        u"srcInode"_s, u"dstInode"_s, u"Delete"_s, u"Ctrl"_s};
    return words;
}

// English words of two letters or more that are neither kept identifiers nor
// keyboard accelerators like "(&F)".
inline QStringList englishWords(const QString &text)
{
    static const QRegularExpression accelerator(u"\\(&\\w\\)"_s);
    static const QRegularExpression word(u"[A-Za-z]{2,}"_s);
    QString stripped = text;
    stripped.remove(accelerator);
    QStringList found;
    for (auto it = word.globalMatch(stripped); it.hasNext();) {
        const QString w = it.next().captured();
        if (!keptWords().contains(w))
            found << w;
    }
    return found;
}

inline bool isChinese(const QString &text)
{
    return hasCjk(text) && englishWords(text).isEmpty();
}

} // namespace I18nCheck
