#pragma once
// A source of uniformly distributed numbers in [0, 1), injectable so tests can
// pin the jitter of timing decisions.

#include <functional>

namespace sesame {

using UnitRandom = std::function<double()>;

// A thread-safe generator seeded from the operating system.
UnitRandom defaultUnitRandom();

// `random()` clamped into [0, 1); anything else (NaN, out of range) reads as 0.
double drawUnit(const UnitRandom& random);

}  // namespace sesame
