#pragma once

#include <QString>
#include <QUrl>

/** Checks server addresses the user gives before any key is sent to them. */
namespace ServerAddress {
constexpr const char *kSkyvernCloud = "https://api.skyvern.com";
/** A sentence saying what is wrong with the address, or empty when it is usable. */
QString problem(const QUrl &url, bool allowInsecureHttp);
/** Reads what a user typed: adds https:// to a bare host, trims, drops a trailing slash. */
QUrl fromUserInput(const QString &text);
bool isLoopback(const QUrl &url);
} // namespace ServerAddress
