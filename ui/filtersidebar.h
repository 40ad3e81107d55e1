#pragma once

#include "tasks/taskstate.h"

#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <array>

class QListWidget;
class QListWidgetItem;
class StateStyle;

// Quick filters down the side of the table: All, Unfinished, Needs attention
// and one per state, each with its live count; below them the connections,
// each with its health. Picking one filters the table.
class FilterSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterSidebar)

public:
    struct ConnectionEntry
    {
        qint64 id = 0;
        QString name;
        QIcon icon;
        QString toolTip;
    };

    explicit FilterSidebar(StateStyle *style, QWidget *parent = nullptr);

    // The preset filters, in the order shown.
    static QList<QSet<TaskState>> presets();
    static QString presetLabel(const QSet<TaskState> &states);

    // Every count means "tasks this entry would show", zeros included.
    void setCounts(const TaskStates::Counts &counts);
    void setConnectionCounts(const QHash<qint64, int> &counts); // 0: all connections
    void setConnections(const QList<ConnectionEntry> &connections);

    // Selects the matching entry; a set that is no preset falls back to All.
    void setStateFilter(const QSet<TaskState> &states);
    QSet<TaskState> stateFilter() const;
    void setConnectionFilter(qint64 connectionId);
    qint64 connectionFilter() const;

    int countShown(const QSet<TaskState> &states) const;

Q_SIGNALS:
    void stateFilterChanged(const QSet<TaskState> &states);
    void connectionFilterChanged(qint64 connectionId);
    void connectionMenuRequested(qint64 connectionId, const QPoint &globalPosition);

private:
    void restyle();
    QListWidgetItem *itemFor(const QSet<TaskState> &states) const;

    QPointer<StateStyle> m_style;
    QListWidget *m_states;
    QListWidget *m_connections;
    TaskStates::Counts m_counts {};
    QHash<qint64, int> m_connectionCounts;
    bool m_updating = false;
};
