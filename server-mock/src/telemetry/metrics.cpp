#include "telemetry/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>

namespace sesame::server::telemetry {
namespace {

// Shortest text that reads back as the same double, in plain decimals where
// that stays short ("0.0005", not "5e-04"); Prometheus spells infinities +Inf/-Inf.
std::string formatNumber(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      plain ? std::chars_format::fixed : std::chars_format::general);
    return std::string(buffer.data(), result.ptr);
}

// Label values escape \, " and newline; HELP text escapes \ and newline.
void appendEscaped(std::string& out, std::string_view text, bool quotes) {
    for (const char c : text) {
        if (c == '\\') {
            out.append("\\\\");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '"' && quotes) {
            out.append("\\\"");
        } else {
            out.push_back(c);
        }
    }
}

}  // namespace

Family::Family(std::string name, std::string help, std::string type, std::vector<std::string> labelNames)
    : name_(std::move(name)), help_(std::move(help)), type_(std::move(type)), labelNames_(std::move(labelNames)) {}

std::string Family::key(LabelValues labels) {
    std::string joined;
    for (const std::string_view value : labels) {
        // Length-prefixed, so no label value can forge a separator.
        joined.append(std::to_string(value.size())).push_back(':');
        joined.append(value);
    }
    return joined;
}

template <class Update>
void Family::update(LabelValues labels, Update&& update) {
    if (labels.size() != labelNames_.size()) {
        return;
    }
    std::string k = key(labels);
    Stripe& stripe = stripes_[std::hash<std::string>{}(k) % kStripes];
    const std::lock_guard lock(stripe.mutex);
    auto found = stripe.series.find(k);
    if (found == stripe.series.end()) {
        Series series = emptySeries();
        series.labels.assign(labels.begin(), labels.end());
        found = stripe.series.emplace(std::move(k), std::move(series)).first;
    }
    update(found->second);
}

Family::Series Family::read(LabelValues labels) const {
    const std::string k = key(labels);
    const Stripe& stripe = stripes_[std::hash<std::string>{}(k) % kStripes];
    const std::lock_guard lock(stripe.mutex);
    const auto found = stripe.series.find(k);
    return found == stripe.series.end() ? emptySeries() : found->second;
}

void Family::appendLabels(std::string& out, const std::vector<std::string>& values, std::string_view extraName,
                          std::string_view extraValue) const {
    if (values.empty() && extraName.empty()) {
        return;
    }
    out.push_back('{');
    for (std::size_t i = 0; i < values.size(); ++i) {
        out.append(i == 0 ? "" : ",").append(labelNames_[i]).append("=\"");
        appendEscaped(out, values[i], true);
        out.push_back('"');
    }
    if (!extraName.empty()) {
        out.append(values.empty() ? "" : ",").append(extraName).append("=\"").append(extraValue).push_back('"');
    }
    out.push_back('}');
}

void Family::render(std::string& out) const {
    out.append("# HELP ").append(name_).push_back(' ');
    appendEscaped(out, help_, false);
    out.append("\n# TYPE ").append(name_).append(" ").append(type_).push_back('\n');
    std::map<std::vector<std::string>, Series> sorted;
    for (const Stripe& stripe : stripes_) {
        const std::lock_guard lock(stripe.mutex);
        for (const auto& [k, series] : stripe.series) {
            sorted.emplace(series.labels, series);
        }
    }
    // A family without labels always shows its (possibly zero) value.
    if (sorted.empty() && labelNames_.empty()) {
        sorted.emplace(std::vector<std::string>{}, emptySeries());
    }
    for (const auto& [labels, series] : sorted) {
        renderSeries(out, series);
    }
}

Counter::Counter(std::string name, std::string help, std::vector<std::string> labelNames)
    : Family(std::move(name), std::move(help), "counter", std::move(labelNames)) {}

void Counter::inc(LabelValues labels, double amount) {
    if (amount >= 0) {
        update(labels, [amount](Series& series) { series.value += amount; });
    }
}

double Counter::value(LabelValues labels) const { return read(labels).value; }

void Counter::renderSeries(std::string& out, const Series& series) const {
    out.append(name());
    appendLabels(out, series.labels);
    out.append(" ").append(formatNumber(series.value)).push_back('\n');
}

Gauge::Gauge(std::string name, std::string help, std::vector<std::string> labelNames)
    : Family(std::move(name), std::move(help), "gauge", std::move(labelNames)) {}

void Gauge::set(LabelValues labels, double value) {
    update(labels, [value](Series& series) { series.value = value; });
}

void Gauge::add(LabelValues labels, double delta) {
    update(labels, [delta](Series& series) { series.value += delta; });
}

double Gauge::value(LabelValues labels) const { return read(labels).value; }

void Gauge::renderSeries(std::string& out, const Series& series) const {
    out.append(name());
    appendLabels(out, series.labels);
    out.append(" ").append(formatNumber(series.value)).push_back('\n');
}

Histogram::Histogram(std::string name, std::string help, std::vector<std::string> labelNames,
                     std::vector<double> buckets)
    : Family(std::move(name), std::move(help), "histogram", std::move(labelNames)), buckets_(std::move(buckets)) {
    buckets_.erase(std::remove_if(buckets_.begin(), buckets_.end(), [](double b) { return !std::isfinite(b); }),
                   buckets_.end());
    std::sort(buckets_.begin(), buckets_.end());
    buckets_.erase(std::unique(buckets_.begin(), buckets_.end()), buckets_.end());
}

Family::Series Histogram::emptySeries() const {
    Series series;
    series.counts.assign(buckets_.size() + 1, 0);  // the last one is +Inf
    return series;
}

void Histogram::observe(LabelValues labels, double value) {
    // `le` means less than or equal: a value on a bound belongs to that bucket.
    const auto bucket = static_cast<std::size_t>(std::lower_bound(buckets_.begin(), buckets_.end(), value) -
                                                 buckets_.begin());
    update(labels, [bucket, value](Series& series) {
        ++series.counts[bucket];
        series.sum += value;
        ++series.count;
    });
}

std::uint64_t Histogram::count(LabelValues labels) const { return read(labels).count; }

double Histogram::sum(LabelValues labels) const { return read(labels).sum; }

void Histogram::renderSeries(std::string& out, const Series& series) const {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= buckets_.size(); ++i) {
        cumulative += series.counts[i];
        out.append(name()).append("_bucket");
        appendLabels(out, series.labels, "le", i < buckets_.size() ? formatNumber(buckets_[i]) : "+Inf");
        out.append(" ").append(std::to_string(cumulative)).push_back('\n');
    }
    out.append(name()).append("_sum");
    appendLabels(out, series.labels);
    out.append(" ").append(formatNumber(series.sum)).push_back('\n');
    out.append(name()).append("_count");
    appendLabels(out, series.labels);
    out.append(" ").append(std::to_string(series.count)).push_back('\n');
}

std::vector<double> latencyBuckets() {
    return {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
}

template <class T, class... Args>
T& Metrics::family(const std::string& name, Args&&... args) {
    const std::lock_guard lock(mutex_);
    for (const auto& existing : families_) {
        if (existing->name() == name) {
            auto* typed = dynamic_cast<T*>(existing.get());
            if (typed == nullptr) {
                std::abort();  // one name registered as two types: a programming error
            }
            return *typed;
        }
    }
    families_.push_back(std::make_unique<T>(name, std::forward<Args>(args)...));
    return static_cast<T&>(*families_.back());
}

Counter& Metrics::counter(const std::string& name, const std::string& help, std::vector<std::string> labelNames) {
    return family<Counter>(name, help, std::move(labelNames));
}

Gauge& Metrics::gauge(const std::string& name, const std::string& help, std::vector<std::string> labelNames) {
    return family<Gauge>(name, help, std::move(labelNames));
}

Histogram& Metrics::histogram(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
                              std::vector<double> buckets) {
    return family<Histogram>(name, help, std::move(labelNames), std::move(buckets));
}

std::string Metrics::render() const {
    const std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& family : families_) {
        family->render(out);
    }
    return out;
}

}  // namespace sesame::server::telemetry
