#pragma once
// A small thread-safe Prometheus registry: counters, gauges and histograms
// with labels, rendered in the text exposition format 0.0.4.
//
//   auto& codes = metrics.counter("sesame_otp_requests_total", "Codes requested", {"channel", "result"});
//   codes.inc({"outbox", "sent"});
//
// Families live as long as the Metrics object; keep the returned reference.
// Label values go in the order of the label names; an update with the wrong
// number of values is ignored. Updates lock one of several stripes of the
// family, never a global mutex.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sesame::server::telemetry {

// Label values in the order of the family's label names.
using LabelValues = std::initializer_list<std::string_view>;

// The common part of every family; Counter, Gauge and Histogram add the updates.
class Family {
public:
    Family(std::string name, std::string help, std::string type, std::vector<std::string> labelNames);
    virtual ~Family() = default;
    Family(const Family&) = delete;
    Family& operator=(const Family&) = delete;

    const std::string& name() const { return name_; }
    const std::string& type() const { return type_; }
    const std::vector<std::string>& labelNames() const { return labelNames_; }
    // Appends "# HELP", "# TYPE" and every series, sorted by label values.
    void render(std::string& out) const;

protected:
    struct Series {
        std::vector<std::string> labels;
        double value = 0;                  // counter and gauge
        std::vector<std::uint64_t> counts;  // histogram: per bucket, not cumulative
        double sum = 0;
        std::uint64_t count = 0;
    };
    // Runs `update` on the series of `labels` (created on first use) under its
    // stripe's lock. Label values that do not match the label names are ignored.
    template <class Update>
    void update(LabelValues labels, Update&& update);
    // A copy of one series; a zero series when it was never updated.
    Series read(LabelValues labels) const;
    virtual Series emptySeries() const { return {}; }
    virtual void renderSeries(std::string& out, const Series& series) const = 0;
    void appendLabels(std::string& out, const std::vector<std::string>& values, std::string_view extraName = {},
                      std::string_view extraValue = {}) const;

private:
    static constexpr std::size_t kStripes = 16;
    struct Stripe {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Series> series;
    };
    static std::string key(LabelValues labels);

    std::string name_;
    std::string help_;
    std::string type_;
    std::vector<std::string> labelNames_;
    std::array<Stripe, kStripes> stripes_;
};

// Only goes up (requests, codes sent, errors).
class Counter final : public Family {
public:
    Counter(std::string name, std::string help, std::vector<std::string> labelNames);
    // Adds `amount` (default 1; a negative amount is ignored).
    void inc(LabelValues labels = {}, double amount = 1);
    double value(LabelValues labels = {}) const;

private:
    void renderSeries(std::string& out, const Series& series) const override;
};

// Goes up and down (open connections).
class Gauge final : public Family {
public:
    Gauge(std::string name, std::string help, std::vector<std::string> labelNames);
    void set(LabelValues labels, double value);
    void add(LabelValues labels, double delta);
    double value(LabelValues labels = {}) const;

private:
    void renderSeries(std::string& out, const Series& series) const override;
};

// Counts observations into cumulative buckets (`le`), with _sum and _count.
class Histogram final : public Family {
public:
    // `buckets`: finite upper bounds; sorted and de-duplicated here; +Inf is implicit.
    Histogram(std::string name, std::string help, std::vector<std::string> labelNames, std::vector<double> buckets);
    void observe(LabelValues labels, double value);
    // Observations so far and their sum, for tests.
    std::uint64_t count(LabelValues labels = {}) const;
    double sum(LabelValues labels = {}) const;

private:
    Series emptySeries() const override;
    void renderSeries(std::string& out, const Series& series) const override;
    std::vector<double> buckets_;
};

// Upper bounds in seconds for request latencies, 0.25 ms to 2.5 s.
std::vector<double> latencyBuckets();

class Metrics {
public:
    // Registers a family, or returns the one already registered under `name`
    // (its help and labels stay). Asking for an existing name as another type
    // is a programming error and aborts. Thread-safe; usually called at start.
    Counter& counter(const std::string& name, const std::string& help, std::vector<std::string> labelNames = {});
    Gauge& gauge(const std::string& name, const std::string& help, std::vector<std::string> labelNames = {});
    Histogram& histogram(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
                         std::vector<double> buckets = latencyBuckets());

    // Every family in registration order, in text format 0.0.4.
    std::string render() const;

private:
    template <class T, class... Args>
    T& family(const std::string& name, Args&&... args);

    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Family>> families_;
};

// Content-Type of render()'s output.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace sesame::server::telemetry
