#include "policy/unit_random.h"

#include <cmath>
#include <random>

namespace sesame {

UnitRandom defaultUnitRandom() {
    return [] {
        thread_local std::mt19937_64 engine{std::random_device{}()};
        return std::uniform_real_distribution<double>{0.0, 1.0}(engine);
    };
}

double drawUnit(const UnitRandom& random) {
    const double value = random ? random() : 0.0;
    return std::isfinite(value) && value >= 0.0 && value < 1.0 ? value : 0.0;
}

}  // namespace sesame
