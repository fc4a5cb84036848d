#pragma once

#include <functional>

#include "artifactfetcher.h"

class Artifact;
class QObject;
class QString;
class RunSource;

/** An artifact's bytes from wherever the server keeps them. */
namespace ArtifactContent {
/** Stops a fetch that is no longer wanted; empty when there is nothing to stop. */
using Cancel = std::function<void()>;
/**
 * The bytes of `runId`'s `artifact`: from its keyless link through `fetcher` when it has one
 * (the key never goes to another host), else from the server's content endpoint through
 * `source`. `done` runs later on `context`'s thread, never inside this call and not at all once
 * `context` is gone; with no source and no link it says "Not connected.".
 */
Cancel fetch(ArtifactFetcher *fetcher, RunSource *source, const QString &runId,
    const Artifact &artifact, QObject *context, ArtifactFetcher::Handler done);
} // namespace ArtifactContent
