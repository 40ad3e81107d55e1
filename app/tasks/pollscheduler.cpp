#include "pollscheduler.h"
