#include <sesame/token_store.h>

namespace sesame {

TokenStore::~TokenStore() = default;

}  // namespace sesame
