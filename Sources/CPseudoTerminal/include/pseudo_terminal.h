#ifndef MUSHROOM_PSEUDO_TERMINAL_H
#define MUSHROOM_PSEUDO_TERMINAL_H

#include <stddef.h>

/// Opens a new pseudo-terminal: returns its controlling side (a descriptor, not the calling
/// process's controlling terminal) and writes the path of its terminal side into `path`; returns
/// -1 with errno set on failure. Swift's Glibc module leaves posix_openpt, grantpt, unlockpt and
/// ptsname_r out (they need _XOPEN_SOURCE), hence this one function in C.
int mushroom_open_pseudo_terminal(char *path, size_t size);

#endif
