#pragma once

#include <QIcon>
#include <QString>

// The compiled-in resources (link smhresources):
//   :/icons/app/smh-task-monitor.svg           the application icon, scalable
//   :/icons/app/png/smh-task-monitor-<N>.png   N = 16 24 32 48 64 128 256
//   :/icons/states/<key>.svg                    key = TaskStates::key(): queued, running,
//                                               succeeded, succeeded_no_result, failed,
//                                               not_found, unknown; and auth, network for
//                                               connection trouble
namespace SmhResources {

// Reverse-DNS ID of the desktop entry and AppStream component; also the name
// of the installed theme icon. For QGuiApplication::setDesktopFileName().
QString applicationId();

// The application icon from its pre-rendered sizes: the small sizes are a
// simplified drawing, which scaling the SVG down would not give.
QIcon applicationIcon();

} // namespace SmhResources
