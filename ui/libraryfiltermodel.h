#pragma once

#include "history/librariesmodel.h"

#include <QSortFilterProxyModel>
#include <QStringList>

class StateStyle;

// What the Libraries view shows: the rows matching the filter text and the
// chosen group, sorted on raw values (empty last) with the label and the
// connection as tie-breakers, so that equal rows keep their order as reads
// come in. The status is coloured and marked from the palette's state style.
class LibraryFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryFilterModel)

public:
    enum class Show {
        All,
        HistoryOn,
        HistoryOff,
        NeedsAttention, // not an admin token, unreachable, read failed
        NeverRead,
    };

    explicit LibraryFilterModel(StateStyle *style, QObject *parent = nullptr);

    // Every word must appear (case-insensitively) in the library's name, ID,
    // space, status or last outcome.
    void setFilterText(const QString &text);
    QString filterText() const { return m_words.join(u' '); }
    void setShow(Show show);
    Show show() const { return m_show; }
    static QString showLabel(Show show);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    StateStyle *m_style;
    QStringList m_words;
    Show m_show = Show::All;
};
