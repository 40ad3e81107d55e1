#pragma once

#include "smh/smherror.h"

#include <QMetaType>
#include <QString>

#include <any>
#include <optional>

// Why something the program tried failed, for every function that returns
// Expected<T> (the default error type): what kind of thing failed, so that a
// caller can decide without parsing text, a sentence for a person, and, when
// an SMH request failed, that request's SmhError (code, HTTP status, request
// ID), which support asks for. Where a caller must tell more apart than the
// kind says (which step of a start failed, why a clear was refused), the
// part that failed attaches a detail of its own type, the way the SmhError
// rides along. The message is never a QString by accident: ask message().
class Error final
{
public:
    enum class Kind {
        Input, // what the user or a file gave us cannot be used (options, IDs, ...)
        Ledger, // the task ledger could not be opened, read or written
        File, // another file (export, secrets file, folder) could not be read or written
        Keychain, // secrets could not be kept or read back (keychain or private file)
        Request, // a request to SMH failed: see smh()
        System, // the system refused something else (sockets, another window)
    };

    Error() = default;
    Error(Kind kind, QString message)
        : m_kind(kind)
        , m_message(std::move(message))
    { }
    // An SMH request's failure, as it is: every SmhError is one of ours.
    Error(const SmhError &error) // NOLINT(google-explicit-constructor)
        : m_kind(Kind::Request)
        , m_message(error.toString())
        , m_smh(error)
    { }

    static Error input(QString message) { return {Kind::Input, std::move(message)}; }
    static Error ledger(QString message) { return {Kind::Ledger, std::move(message)}; }
    static Error file(QString message) { return {Kind::File, std::move(message)}; }
    static Error keychain(QString message) { return {Kind::Keychain, std::move(message)}; }
    static Error system(QString message) { return {Kind::System, std::move(message)}; }

    Kind kind() const { return m_kind; }
    // The sentence for a person; for a request, SmhError::toString().
    const QString &message() const { return m_message; }
    QString toString() const { return m_message; }
    // The same failure said in other words (with what was being done, say).
    Error withMessage(QString message) const
    {
        Error said = *this;
        said.m_message = std::move(message);
        return said;
    }

    // The request's own error, when an SMH request failed.
    const std::optional<SmhError> &smh() const { return m_smh; }
    QString code() const { return m_smh ? m_smh->code() : QString(); }
    int httpStatus() const { return m_smh ? m_smh->httpStatus() : 0; }
    QString requestId() const { return m_smh ? m_smh->requestId() : QString(); }

    // The same failure with `detail` attached (one detail; a later one of
    // any type replaces it).
    template<typename T>
    Error withDetail(T detail) const
    {
        Error detailed = *this;
        detailed.m_detail = std::move(detail);
        return detailed;
    }
    // The detail attached, when it is a T.
    template<typename T>
    std::optional<T> detail() const
    {
        if (const T *attached = std::any_cast<T>(&m_detail))
            return *attached;
        return std::nullopt;
    }

private:
    Kind m_kind = Kind::Input;
    QString m_message;
    std::optional<SmhError> m_smh;
    std::any m_detail;
};

Q_DECLARE_METATYPE(Error)
