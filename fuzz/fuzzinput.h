#pragma once

#include <cstddef>
#include <cstdint>

#include <QByteArray>

/** The fuzzer's bytes, without a copy. */
inline QByteArray fuzzInput(const std::uint8_t *data, std::size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

/** Stops the fuzzer with a crash report when an expectation fails. */
inline void fuzzRequire(bool ok)
{
    if (!ok)
        __builtin_trap();
}
