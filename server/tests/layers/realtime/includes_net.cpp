// A probe that must not compile: realtime/ knows no sockets, so never net/.
// CTest builds it as a file of realtime/ and expects the compiler to refuse the include;
// the layer checker, run over tests/layers/, must refuse it too.
#include "net/server.hpp"
