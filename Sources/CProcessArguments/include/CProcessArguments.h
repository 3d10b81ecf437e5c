// The process's arguments for Swift's CommandLine, captured at start-up (process_arguments.c says why).
// Nothing to call: linking this target into the executable is what takes effect.
#ifndef TIDEPOOL_CPROCESSARGUMENTS_H
#define TIDEPOOL_CPROCESSARGUMENTS_H
#endif
