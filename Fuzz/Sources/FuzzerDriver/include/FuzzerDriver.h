#ifndef SHALLOW_FUZZER_DRIVER_H
#define SHALLOW_FUZZER_DRIVER_H
// libFuzzer's documented entry for programs that have their own main (compiler-rt FuzzerInterface.h).
// SwiftPM renames an executable's `main` to `<Target>_main` and links it with `--defsym main=...`,
// so libFuzzer's own main is never linked: each target's `<Target>_main` calls this instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
