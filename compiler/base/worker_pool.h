// Threads kept for the life of the process that help a caller run its work (ParallelFor).
#pragma once

namespace caios {

// Runs work(context) on the calling thread and, at the same time, on up to `helpers` threads of
// the process's pool that are idle or can be started; returns when every one of those runs
// has returned. `work` must be safe to run on several threads at once, must return once there
// is nothing left to do, and must not throw. Threads are started as the calls ask for them and
// are kept (their stacks and their allocator's heaps are reused by the next call); if none can
// be started, the calling thread runs `work` alone. Calls may nest (work that calls RunHelped)
// and may come from several threads: a call never waits for a helper that has not started on
// its work, so it cannot deadlock.
void RunHelped(unsigned helpers, void (*work)(void*), void* context);

}  // namespace caios
