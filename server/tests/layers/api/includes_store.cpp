// A probe that must not compile: api/ reaches the data through services, never store/.
// CTest builds it as a file of api/ and expects the compiler to refuse the include;
// the layer checker, run over tests/layers/, must refuse it too.
#include "store/store.hpp"
