#pragma once

#include "smh/expected.h"

#include <QTest>

// QVERIFY for an Expected: on failure the test says the error's message.
#define SMH_VERIFY(expression)                                                                     \
    do {                                                                                           \
        const auto smhVerified = (expression);                                                     \
        QVERIFY2(bool(smhVerified),                                                                \
            qPrintable(smhVerified ? QString() : smhVerified.error().message()));                  \
    } while (false)
