#include "runsource.h"

RunSource::RunSource(QObject *parent)
    : QObject(parent)
{ }

RunSource::~RunSource() = default;
