// pace: an open-loop HTTP/1.1 load generator for the sesame-server benchmark.
//
// wrk measures the maximum rate but cannot hold a fixed one, and a closed
// loop hides a stalled server (it just sends less: "coordinated omission").
// pace schedules request i at t0 + i/rate and measures its latency from that
// intended time, like wrk2. With --count and no --rate it runs as fast as its
// connections allow, which bench/server/run uses to prepare codes and sessions.
//
// Build: g++ -std=c++20 -O2 -o pace pace.cpp   (bench/server/run does it)
// Usage: pace --port P --scenario NAME [--host 127.0.0.1] [--connections C]
//             (--rate R --duration S | --count N) [--first K]
//             [--input FILE] [--output FILE] [--hold S]
// Scenarios (phone(i) is +7700 followed by i in 7 digits):
//   otp      POST /v1/otp for phone(K), phone(K+1), ...            expects 202
//   outbox   GET /mock/outbox for phone(K), ...; writes "phone code" lines
//   verify   POST /v1/otp/verify, one input line "phone code" each; expects 200;
//            writes "access_token refresh_token" lines
//   refresh  POST /v1/token/refresh; each input line starts a chain whose next
//            token comes from the answer, so no token is used twice
//   me       GET /v1/me with the access tokens of the input, round robin
//   hold     GET /healthz once on each of C connections, print the summary
//            line, then keep them open (keep-alive) for --hold seconds
// Prints one line: key=value pairs (sent, ok, errors, rate, p50_ms, p90_ms,
// p99_ms, p999_ms, max_ms) that run parses.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sesame::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string scenario;
    int connections = 64;
    double rate = 0;      // 0: as fast as possible
    double duration = 0;  // seconds, with rate
    long count = 0;       // requests, without rate
    long first = 0;
    std::string input;
    std::string output;
    double hold = 0;
};

[[noreturn]] void die(const std::string& message) {
    std::cerr << "pace: " << message << '\n';
    std::exit(2);
}

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            die("missing value for " + flag);
        }
        const std::string value = argv[++i];
        if (flag == "--host") options.host = value;
        else if (flag == "--port") options.port = std::stoi(value);
        else if (flag == "--scenario") options.scenario = value;
        else if (flag == "--connections") options.connections = std::stoi(value);
        else if (flag == "--rate") options.rate = std::stod(value);
        else if (flag == "--duration") options.duration = std::stod(value);
        else if (flag == "--count") options.count = std::stol(value);
        else if (flag == "--first") options.first = std::stol(value);
        else if (flag == "--input") options.input = value;
        else if (flag == "--output") options.output = value;
        else if (flag == "--hold") options.hold = std::stod(value);
        else die("unknown flag " + flag);
    }
    if (options.port <= 0 || options.scenario.empty() || options.connections <= 0) {
        die("--port, --scenario and a positive --connections are required");
    }
    if (options.rate > 0) {
        options.count = static_cast<long>(options.rate * options.duration);
    }
    if (options.scenario == "hold") {
        options.count = options.connections;
    }
    if (options.count <= 0) {
        die("give --rate and --duration, or --count");
    }
    return options;
}

std::string phone(long index) {
    char text[16];
    std::snprintf(text, sizeof text, "+7700%07ld", index % 10'000'000);
    return text;
}

std::vector<std::string> readLines(const std::string& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    if (!in) {
        die("cannot read " + path);
    }
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

// The value of the first (or last) "name":"value" in a JSON text; our
// tokens, phones and codes never contain escapes.
std::string jsonString(const std::string& body, const std::string& name, bool last = false) {
    const std::string key = "\"" + name + "\":\"";
    const std::size_t at = last ? body.rfind(key) : body.find(key);
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t start = at + key.size();
    const std::size_t end = body.find('"', start);
    return end == std::string::npos ? std::string() : body.substr(start, end - start);
}

// Builds request i and takes what the benchmark needs from its answer.
class Scenario {
public:
    Scenario(const Options& options) : options_(options) {
        hostHeader_ = options.host + ":" + std::to_string(options.port);
        if (!options.input.empty()) {
            inputs_ = readLines(options.input);
        }
        const std::string& name = options.scenario;
        if (name != "otp" && name != "outbox" && name != "verify" && name != "refresh" && name != "me" &&
            name != "hold") {
            die("unknown scenario " + name);
        }
        if ((name == "verify" || name == "refresh" || name == "me") && inputs_.empty()) {
            die(name + " needs --input lines");
        }
        if (name == "verify" && static_cast<long>(inputs_.size()) < options.count) {
            die("verify: fewer input lines than requests");
        }
        if (name == "refresh") {
            for (const std::string& line : inputs_) {
                chains_.push_back(line.substr(line.find(' ') + 1));
            }
        }
        if (!options.output.empty()) {
            output_.open(options.output);
            if (!output_) {
                die("cannot write " + options.output);
            }
        }
    }

    int expectedStatus() const { return options_.scenario == "otp" ? 202 : 200; }

    // False while every refresh chain is waiting for its answer.
    bool ready() const { return options_.scenario != "refresh" || !chains_.empty(); }

    std::string request(long i) {
        const std::string& name = options_.scenario;
        if (name == "otp") {
            return post("/v1/otp", "{\"phone\":\"" + phone(options_.first + i) + "\"}");
        }
        if (name == "outbox") {
            return get("/mock/outbox?phone=%2B" + phone(options_.first + i).substr(1), "");
        }
        if (name == "verify") {
            const std::string& line = inputs_[static_cast<std::size_t>(i)];
            const std::size_t space = line.find(' ');
            return post("/v1/otp/verify", "{\"phone\":\"" + line.substr(0, space) + "\",\"code\":\"" +
                                              line.substr(space + 1) +
                                              "\",\"device\":{\"name\":\"bench\",\"platform\":\"linux\"}}");
        }
        if (name == "refresh") {
            std::string token = std::move(chains_.front());
            chains_.pop_front();
            return post("/v1/token/refresh", "{\"refresh_token\":\"" + token + "\"}");
        }
        if (name == "me") {
            const std::string& line = inputs_[static_cast<std::size_t>(i) % inputs_.size()];
            return get("/v1/me", "Authorization: Bearer " + line.substr(0, line.find(' ')) + "\r\n");
        }
        return get("/healthz", "");
    }

    void answered(long i, int status, const std::string& body) {
        const std::string& name = options_.scenario;
        if (name == "refresh") {
            // A failed link ends its chain: the token it would give is unknown.
            if (status == 200) {
                chains_.push_back(jsonString(body, "refresh_token"));
            }
            return;
        }
        if (!output_.is_open() || status != expectedStatus()) {
            return;
        }
        if (name == "outbox") {
            // No line without a code (the message left the bounded outbox): run counts the lines.
            if (const std::string code = jsonString(body, "code", true); !code.empty()) {
                output_ << phone(options_.first + i) << ' ' << code << '\n';
            }
        } else if (name == "verify") {
            output_ << jsonString(body, "access_token") << ' ' << jsonString(body, "refresh_token") << '\n';
        }
    }

private:
    std::string post(const std::string& path, const std::string& body) const {
        return "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader_ +
               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body;
    }

    std::string get(const std::string& path, const std::string& headers) const {
        return "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader_ + "\r\n" + headers + "\r\n";
    }

    const Options& options_;
    std::string hostHeader_;
    std::vector<std::string> inputs_;
    std::deque<std::string> chains_;
    std::ofstream output_;
};

// One parsed answer, or nothing while it is incomplete.
struct Answer {
    int status = 0;
    std::string body;
    bool close = false;
    std::size_t consumed = 0;
};

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::optional<Answer> parseAnswer(const std::string& buffer) {
    const std::size_t headerEnd = buffer.find("\r\n\r\n");
    if (headerEnd == std::string::npos) {
        return std::nullopt;
    }
    const std::string head = lowered(buffer.substr(0, headerEnd));
    Answer answer;
    if (head.size() < 12 || head.compare(0, 5, "http/") != 0) {
        die("not an HTTP answer");
    }
    answer.status = std::atoi(head.c_str() + 9);
    std::size_t length = 0;
    if (const std::size_t at = head.find("\r\ncontent-length:"); at != std::string::npos) {
        length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
    } else if (head.find("transfer-encoding:") != std::string::npos) {
        die("chunked answers are not supported");
    }
    answer.close = head.find("\r\nconnection: close") != std::string::npos;
    if (buffer.size() < headerEnd + 4 + length) {
        return std::nullopt;
    }
    answer.body = buffer.substr(headerEnd + 4, length);
    answer.consumed = headerEnd + 4 + length;
    return answer;
}

struct Connection {
    int fd = -1;
    bool connected = false;
    bool busy = false;
    uint32_t watched = 0;  // the epoll events registered
    long request = -1;
    Clock::time_point intended;
    std::string out;
    std::size_t written = 0;
    std::string in;
};

class Runner {
public:
    Runner(const Options& options, Scenario& scenario)
        : options_(options), scenario_(scenario), connections_(static_cast<std::size_t>(options.connections)) {
        epoll_ = epoll_create1(0);
        timer_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
        if (epoll_ < 0 || timer_ < 0) {
            die("epoll/timerfd: " + std::string(std::strerror(errno)));
        }
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = kTimerTag;
        epoll_ctl(epoll_, EPOLL_CTL_ADD, timer_, &event);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(options.port));
        if (inet_pton(AF_INET, options.host.c_str(), &address.sin_addr) != 1) {
            die("--host must be an IPv4 address");
        }
        address_ = address;
        latencies_.reserve(static_cast<std::size_t>(options.count));
    }

    void run() {
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            open(i);
        }
        start_ = Clock::now();
        while (done_ < options_.count) {
            enqueueDue();
            dispatch();
            if (!scenario_.ready() && inFlight() == 0) {
                die("every refresh chain has broken (" + std::to_string(done_ - ok_) + " failed answers)");
            }
            armTimer();
            epoll_event events[256];
            const int n = epoll_wait(epoll_, events, 256, 1000);
            for (int k = 0; k < n; ++k) {
                handle(events[k]);
            }
        }
        end_ = Clock::now();
    }

    long inFlight() const {
        return std::count_if(connections_.begin(), connections_.end(), [](const Connection& c) { return c.busy; });
    }

    void report() {
        std::sort(latencies_.begin(), latencies_.end());
        const double seconds = std::chrono::duration<double>(end_ - start_).count();
        std::printf("sent=%ld ok=%ld errors=%ld rate=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f "
                    "max_ms=%.3f",
                    next_, ok_, done_ - ok_, static_cast<double>(done_) / seconds, percentile(0.50),
                    percentile(0.90), percentile(0.99), percentile(0.999), percentile(1.0));
        for (const auto& [status, count] : statuses_) {
            if (status != scenario_.expectedStatus()) {
                std::printf(" status_%d=%ld", status, count);
            }
        }
        std::printf("\n");
        std::fflush(stdout);
    }

private:
    static constexpr uint64_t kTimerTag = ~uint64_t{0};

    Clock::time_point intendedTime(long i) const {
        if (options_.rate <= 0) {
            return start_;
        }
        return start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(i / options_.rate));
    }

    void open(std::size_t index) {
        Connection& c = connections_[index];
        c = Connection{};
        c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(c.fd, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) != 0 &&
            errno != EINPROGRESS) {
            die("connect: " + std::string(std::strerror(errno)));
        }
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT;  // EPOLLOUT: the connect has completed
        event.data.u64 = index;
        epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &event);
        c.watched = event.events;
    }

    void reopen(std::size_t index) {
        Connection& c = connections_[index];
        const bool wasBusy = c.busy;
        const long request = c.request;
        const auto intended = c.intended;
        epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        open(index);
        if (wasBusy) {
            // The request is lost with the connection: count it as an error.
            record(request, intended, 0, {});
        }
    }

    void enqueueDue() {
        const auto now = Clock::now();
        while (next_ < options_.count && (options_.rate <= 0 ? queue_.size() < connections_.size()
                                                              : intendedTime(next_) <= now)) {
            queue_.push_back(next_++);
        }
    }

    void dispatch() {
        for (std::size_t i = 0; i < connections_.size() && !queue_.empty() && scenario_.ready(); ++i) {
            Connection& c = connections_[i];
            if (!c.connected || c.busy) {
                continue;
            }
            c.busy = true;
            c.request = queue_.front();
            queue_.pop_front();
            c.intended = options_.rate > 0 ? intendedTime(c.request) : Clock::now();
            c.out = scenario_.request(c.request);
            c.written = 0;
            write(i);
        }
    }

    void armTimer() {
        itimerspec spec{};
        if (options_.rate > 0 && next_ < options_.count) {
            const auto wait = std::max(intendedTime(next_) - Clock::now(), Clock::duration(std::chrono::microseconds(1)));
            const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
            spec.it_value.tv_sec = ns / 1'000'000'000;
            spec.it_value.tv_nsec = ns % 1'000'000'000;
        }
        timerfd_settime(timer_, 0, &spec, nullptr);
    }

    void handle(const epoll_event& event) {
        if (event.data.u64 == kTimerTag) {
            uint64_t expirations = 0;
            (void)!::read(timer_, &expirations, sizeof expirations);
            return;
        }
        const std::size_t index = event.data.u64;
        Connection& c = connections_[index];
        if (event.events & (EPOLLERR | EPOLLHUP)) {
            if (!c.connected) {
                die("cannot connect to " + options_.host + ":" + std::to_string(options_.port));
            }
            reopen(index);
            return;
        }
        if (event.events & EPOLLOUT) {
            c.connected = true;
            write(index);
        }
        if (event.events & EPOLLIN) {
            read(index);
        }
    }

    void write(std::size_t index) {
        Connection& c = connections_[index];
        while (c.busy && c.written < c.out.size()) {
            const ssize_t n = ::send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno != EAGAIN) {
                    reopen(index);
                } else {
                    watch(index, EPOLLIN | EPOLLOUT);
                }
                return;
            }
            c.written += static_cast<std::size_t>(n);
        }
        // A writable socket is always ready: watching it while there is nothing to send would spin.
        watch(index, EPOLLIN);
    }

    void watch(std::size_t index, uint32_t events) {
        Connection& c = connections_[index];
        if (c.watched == events) {
            return;
        }
        epoll_event event{};
        event.events = events;
        event.data.u64 = index;
        epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &event);
        c.watched = events;
    }

    void read(std::size_t index) {
        Connection& c = connections_[index];
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN)) {
                reopen(index);
                return;
            }
            if (n < 0) {
                break;
            }
            c.in.append(buffer, static_cast<std::size_t>(n));
        }
        auto answer = parseAnswer(c.in);
        if (!answer || !c.busy) {
            return;
        }
        c.in.erase(0, answer->consumed);
        c.busy = false;
        record(c.request, c.intended, answer->status, answer->body);
        if (answer->close) {
            reopen(index);
        }
    }

    void record(long request, Clock::time_point intended, int status, const std::string& body) {
        latencies_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - intended).count());
        ++statuses_[status];
        ++done_;
        if (status == scenario_.expectedStatus()) {
            ++ok_;
        }
        scenario_.answered(request, status, body);
    }

    double percentile(double q) const {
        if (latencies_.empty()) {
            return 0;
        }
        const auto at = static_cast<std::size_t>(q * static_cast<double>(latencies_.size() - 1));
        return latencies_[at];
    }

    const Options& options_;
    Scenario& scenario_;
    std::vector<Connection> connections_;
    sockaddr_in address_{};
    int epoll_ = -1;
    int timer_ = -1;
    std::deque<long> queue_;
    long next_ = 0;
    long done_ = 0;
    long ok_ = 0;
    std::map<int, long> statuses_;
    std::vector<double> latencies_;
    Clock::time_point start_;
    Clock::time_point end_;
};

}  // namespace
}  // namespace sesame::bench

int main(int argc, char** argv) {
    using namespace sesame::bench;
    const Options options = parseOptions(argc, argv);
    Scenario scenario(options);
    Runner runner(options, scenario);
    runner.run();
    runner.report();
    if (options.scenario == "hold") {
        // The connections stay open (keep-alive) until we exit.
        std::this_thread::sleep_for(std::chrono::duration<double>(options.hold));
    }
    return 0;
}
