#include "tokenprovider.h"
