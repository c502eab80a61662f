#pragma once
// The concurrency harness of the store conformance suites: `body(i)` for i in
// [0, n) on n threads released at once, so they race for real; returns when
// all are done.

#include <latch>
#include <thread>
#include <vector>

namespace sesame::server::testing {

template <class Body>
void runTogether(int n, Body body) {
    std::latch start(n);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&start, &body, i] {
            start.arrive_and_wait();
            body(i);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

}  // namespace sesame::server::testing
