#pragma once

#include "tasks/monitoroptions.h"

#include <QCommandLineParser>
#include <QStringList>

// Whether `arguments` name `word` as their command (history, profile),
// read with the common options and the command's own (`declare`).
inline bool namesSubcommand(
    const QStringList &arguments, const QString &word, void (*declare)(QCommandLineParser &))
{
    QCommandLineParser parser;
    MonitorOptions::declare(parser);
    declare(parser);
    if (!parser.parse(arguments))
        return false;
    const QStringList positional = parser.positionalArguments();
    return !positional.isEmpty() && positional.constFirst() == word;
}
