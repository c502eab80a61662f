#include "telemetry/metrics.h"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

using namespace sesame::server::telemetry;

TEST_CASE("metrics render counters with HELP, TYPE and sorted label sets", "[metrics]") {
    Metrics metrics;
    auto& requests = metrics.counter("sesame_http_requests_total", "HTTP requests.", {"route", "status"});
    requests.inc({"/v1/otp", "202"});
    requests.inc({"/v1/otp", "202"}, 2);
    requests.inc({"/healthz", "200"});
    requests.inc({"/healthz", "200"}, -5);  // ignored: counters only go up
    CHECK(requests.value({"/v1/otp", "202"}) == 3);
    CHECK(requests.value({"/nothing", "500"}) == 0);
    CHECK(metrics.render() ==
          "# HELP sesame_http_requests_total HTTP requests.\n"
          "# TYPE sesame_http_requests_total counter\n"
          "sesame_http_requests_total{route=\"/healthz\",status=\"200\"} 1\n"
          "sesame_http_requests_total{route=\"/v1/otp\",status=\"202\"} 3\n");
}

TEST_CASE("metrics escape label values and help text", "[metrics]") {
    Metrics metrics;
    metrics.counter("odd_total", "Line one\nback\\slash \"quoted\"", {"value"}).inc({"a\"b\\c\nd"});
    CHECK(metrics.render() ==
          "# HELP odd_total Line one\\nback\\\\slash \"quoted\"\n"
          "# TYPE odd_total counter\n"
          "odd_total{value=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST_CASE("metrics keep label values apart even when they contain separators", "[metrics]") {
    Metrics metrics;
    auto& c = metrics.counter("pairs_total", "Pairs.", {"a", "b"});
    c.inc({"x:1", "y"});
    c.inc({"x", "1:y"});
    CHECK(c.value({"x:1", "y"}) == 1);
    CHECK(c.value({"x", "1:y"}) == 1);
}

TEST_CASE("metrics show a label-less family at zero before any update", "[metrics]") {
    Metrics metrics;
    metrics.counter("events_total", "Events.");
    metrics.gauge("open", "Open things.");
    CHECK(metrics.render() ==
          "# HELP events_total Events.\n# TYPE events_total counter\nevents_total 0\n"
          "# HELP open Open things.\n# TYPE open gauge\nopen 0\n");
}

TEST_CASE("metrics gauges go up and down", "[metrics]") {
    Metrics metrics;
    auto& gauge = metrics.gauge("connections", "Connections.");
    gauge.add({}, 3);
    gauge.add({}, -1);
    CHECK(gauge.value() == 2);
    gauge.set({}, 0.5);
    CHECK_THAT(metrics.render(), Catch::Contains("connections 0.5\n"));
}

TEST_CASE("metrics render histograms with cumulative buckets, +Inf, _sum and _count", "[metrics]") {
    Metrics metrics;
    auto& h = metrics.histogram("latency_seconds", "Latency.", {"route"}, {0.1, 0.01, 1, 0.1});
    h.observe({"/x"}, 0.005);
    h.observe({"/x"}, 0.01);  // on a bound: counted in that bucket (le)
    h.observe({"/x"}, 0.5);
    h.observe({"/x"}, 7);
    CHECK(h.count({"/x"}) == 4);
    CHECK(h.sum({"/x"}) == Approx(7.515));
    CHECK(metrics.render() ==
          "# HELP latency_seconds Latency.\n"
          "# TYPE latency_seconds histogram\n"
          "latency_seconds_bucket{route=\"/x\",le=\"0.01\"} 2\n"
          "latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
          "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
          "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
          "latency_seconds_sum{route=\"/x\"} 7.515\n"
          "latency_seconds_count{route=\"/x\"} 4\n");
}

TEST_CASE("metrics format numbers in plain decimals where short, exponents otherwise", "[metrics]") {
    Metrics metrics;
    auto& g = metrics.gauge("g", "G.", {"v"});
    g.set({"a"}, 0.0005);
    g.set({"b"}, 1e21);
    g.set({"c"}, -2.5);
    g.set({"d"}, 1e-9);
    g.set({"e"}, 123456789);
    const std::string text = metrics.render();
    CHECK_THAT(text, Catch::Contains("g{v=\"a\"} 0.0005\n"));
    CHECK_THAT(text, Catch::Contains("g{v=\"b\"} 1e+21\n"));
    CHECK_THAT(text, Catch::Contains("g{v=\"c\"} -2.5\n"));
    CHECK_THAT(text, Catch::Contains("g{v=\"d\"} 1e-09\n"));
    CHECK_THAT(text, Catch::Contains("g{v=\"e\"} 123456789\n"));
}

TEST_CASE("metrics histogram without labels renders le as its only label", "[metrics]") {
    Metrics metrics;
    metrics.histogram("h", "H.", {}, {1}).observe({}, 2);
    CHECK_THAT(metrics.render(), Catch::Contains("h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 2\nh_count 1\n"));
}

TEST_CASE("metrics registration is idempotent by name", "[metrics]") {
    Metrics metrics;
    auto& first = metrics.counter("same_total", "Same.", {"x"});
    auto& second = metrics.counter("same_total", "Other help.", {"x"});
    CHECK(&first == &second);
}

TEST_CASE("metrics ignore updates whose label count is wrong", "[metrics]") {
    Metrics metrics;
    auto& c = metrics.counter("labels_total", "L.", {"a"});
    c.inc({"1", "2"});
    c.inc({});
    CHECK(metrics.render() == "# HELP labels_total L.\n# TYPE labels_total counter\n");
}

TEST_CASE("metrics count exactly under concurrent updates", "[metrics]") {
    Metrics metrics;
    auto& c = metrics.counter("concurrent_total", "C.", {"route"});
    auto& h = metrics.histogram("concurrent_seconds", "H.", {"route"});
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                c.inc({i % 2 == 0 ? "/a" : "/b"});
                h.observe({t % 2 == 0 ? "/a" : "/b"}, 0.001);
                if (i % 1000 == 0) {
                    (void)metrics.render();  // rendering while updating is safe
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(c.value({"/a"}) + c.value({"/b"}) == kThreads * kPerThread);
    CHECK(h.count({"/a"}) + h.count({"/b"}) == static_cast<std::uint64_t>(kThreads * kPerThread));
}
