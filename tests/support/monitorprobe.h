#pragma once

#include "tasks/monitor.h"

// Engine tests look behind Monitor's door at the parts themselves (the type
// fetcher's queue and budget, the store's limit and error columns). Faces,
// and the tests of faces, go through the door; Monitor names this class its
// friend so that the parts stay out of its public API.
class MonitorProbe final
{
public:
    static TaskStore *store(Monitor &monitor) { return monitor.m_store; }
    static TaskTypeFetcher *taskTypes(Monitor &monitor) { return monitor.m_taskTypes; }
};
