#pragma once

#include "ui/statestyle.h"

#include <QHash>
#include <QIdentityProxyModel>
#include <QPointer>

// Adds the look to the task table: state colour, tint and icon on the state
// column, and connection trouble (refused token, unreachable server) on the
// connection column of every row of that connection. It answers only the
// colour, icon and tooltip roles, and announces only those when the style or
// a connection's health changes, so a theme switch repaints without
// re-sorting or re-filtering anything.
class StyledTaskModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StyledTaskModel)

public:
    explicit StyledTaskModel(StateStyle *style, QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    // `message` is shown as the tooltip; it must already be redacted.
    void setConnectionTrouble(
        qint64 connectionId, StateStyle::Trouble trouble, const QString &message);
    StateStyle::Trouble connectionTrouble(qint64 connectionId) const;

    QVariant data(const QModelIndex &index, int role) const override;

    static const QList<int> &styleRoles();

private:
    struct TroubleInfo
    {
        StateStyle::Trouble trouble = StateStyle::Trouble::None;
        QString message;
        friend bool operator==(const TroubleInfo &, const TroubleInfo &) = default;
    };

    void announceStyle();
    void announceConnection(qint64 connectionId);
    void forwardStateChange(
        const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    QPointer<StateStyle> m_style;
    QHash<qint64, TroubleInfo> m_trouble;
    QMetaObject::Connection m_sourceConnection;
};
