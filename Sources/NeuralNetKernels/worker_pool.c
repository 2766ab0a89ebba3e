/* A pool of persistent worker threads for the fused training step: one per core but the caller's.
 *
 * Why not DispatchQueue.concurrentPerform: it hands each call to libdispatch workers that are asleep between
 * calls, and waking one costs tens of µs (futex + scheduler) — more than a whole flower iteration (~4 µs), and a
 * third of an iteration at m = 40,000 (measured: 2 cores gave 1.4× over 1 instead of ~2×). Here the workers spin
 * for a while after each job (SPIN_NANOSECONDS), so the next iteration's job, a few µs later, starts at once;
 * past that they sleep on a condition variable and cost nothing.
 *
 * Determinism is the caller's: a job is `tasks` independent tasks, each writing only its own results, which
 * the caller combines in task order. Which thread runs which task, and how many threads there are, changes
 * nothing but the time.
 *
 * One job at a time: a second caller (another thread training at the same moment) runs its tasks itself. */
#define _GNU_SOURCE
#include "NeuralNetKernels.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

enum { MAX_WORKERS = 63 };
/* How long an idle worker polls for the next job before it sleeps: longer than the serial part of an iteration
 * (the parameter update, the caller's bookkeeping: a few µs), short enough to leave the core soon after training. */
static const int64_t SPIN_NANOSECONDS = 300000;

static struct {
    pthread_once_t once;
    size_t workers;                   /* threads besides the caller */
    pthread_mutex_t job_lock;         /* held by the one caller whose job runs */
    pthread_mutex_t sleep_lock;
    pthread_cond_t wake;
    size_t sleepers;                  /* workers waiting on `wake` (under sleep_lock) */
    _Atomic uint64_t generation;      /* bumped once per job */
    /* The job: tickets are (generation << 32 | next task); a worker takes a task by a compare-and-swap that
     * fails if the generation moved on, so a late worker never runs a task of a job it did not see start. */
    _Atomic uint64_t ticket;
    _Atomic size_t finished;          /* tasks done */
    /* Read by workers before their compare-and-swap, possibly while the next job is being set up: atomic (relaxed),
     * so a stale value is merely stale — the exchange then fails on the moved ticket. */
    _Atomic size_t tasks, participants;
    nn_task_function function;
    void *context;
} pool = { .once = PTHREAD_ONCE_INIT, .job_lock = PTHREAD_MUTEX_INITIALIZER,
           .sleep_lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static int64_t now_nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Runs tasks of job `generation` as participant `id` until none is left. */
static void take_tasks(uint64_t generation, size_t id) {
    for (;;) {
        uint64_t ticket = atomic_load_explicit(&pool.ticket, memory_order_acquire);
        if (ticket >> 32 != (generation & 0xffffffffu)) return;
        size_t task = (size_t)(ticket & 0xffffffffu);
        /* The job's fields are stable while one of its tasks is unfinished; read after the ticket matched, and
         * checked again by the exchange below before anything runs. */
        size_t tasks = atomic_load_explicit(&pool.tasks, memory_order_relaxed);
        size_t participants = atomic_load_explicit(&pool.participants, memory_order_relaxed);
        if (task >= tasks || id >= participants) return;
        if (!atomic_compare_exchange_weak_explicit(&pool.ticket, &ticket, ticket + 1, memory_order_acq_rel,
                                                   memory_order_acquire))
            continue;
        pool.function(pool.context, task, id);
        atomic_fetch_add_explicit(&pool.finished, 1, memory_order_acq_rel);
    }
}

static void *worker_main(void *argument) {
    size_t id = (size_t)(uintptr_t)argument;
    uint64_t seen = atomic_load_explicit(&pool.generation, memory_order_acquire);
    for (;;) {
        uint64_t generation = atomic_load_explicit(&pool.generation, memory_order_acquire);
        if (generation == seen) {
            int64_t until = now_nanoseconds() + SPIN_NANOSECONDS;
            unsigned polls = 0;
            while ((generation = atomic_load_explicit(&pool.generation, memory_order_acquire)) == seen) {
                cpu_relax();
                if (++polls % 256 == 0 && now_nanoseconds() > until) {
                    pthread_mutex_lock(&pool.sleep_lock);
                    pool.sleepers++;
                    while ((generation = atomic_load_explicit(&pool.generation, memory_order_acquire)) == seen)
                        pthread_cond_wait(&pool.wake, &pool.sleep_lock);
                    pool.sleepers--;
                    pthread_mutex_unlock(&pool.sleep_lock);
                    break;
                }
            }
        }
        seen = generation;
        take_tasks(generation, id);
    }
    return NULL;
}

/* The CPUs this process may run on (taskset, cgroups' cpusets), not the machine's. */
static size_t usable_cpus(void) {
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0) return (size_t)n;
    }
#endif
    return 1;
}

static void start_pool(void) {
    size_t cpus = usable_cpus();
    size_t wanted = cpus > 1 ? cpus - 1 : 0;
    if (wanted > MAX_WORKERS) wanted = MAX_WORKERS;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 256 * 1024);
    /* The workers block every signal (they inherit the creating thread's mask): SIGINT, SIGPIPE, SIGWINCH and
     * the rest go to the threads that handle them (the REPL's, readline's), never to a worker mid-task. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    size_t started = 0;
    for (size_t i = 0; i < wanted; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attributes, worker_main, (void *)(uintptr_t)(i + 1)) != 0) break;
        pthread_setname_np(thread, "nn-pool");  /* how top, perf and WorkerPoolTests tell them apart */
        started++;
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
    pool.workers = started;
}

size_t nn_pool_participants(void) {
    pthread_once(&pool.once, start_pool);
    return pool.workers + 1;
}

void nn_pool_run(size_t tasks, size_t max_participants, nn_task_function function, void *context) {
    if (tasks == 0) return;
    size_t participants = nn_pool_participants();
    if (max_participants < participants) participants = max_participants;
    if (participants > tasks) participants = tasks;
    if (participants <= 1 || tasks > 0xffffffffu || pthread_mutex_trylock(&pool.job_lock) != 0) {
        for (size_t t = 0; t < tasks; t++) function(context, t, 0);
        return;
    }
    pool.function = function;
    pool.context = context;
    atomic_store_explicit(&pool.tasks, tasks, memory_order_relaxed);
    atomic_store_explicit(&pool.participants, participants, memory_order_relaxed);
    atomic_store_explicit(&pool.finished, 0, memory_order_relaxed);
    uint64_t generation = atomic_load_explicit(&pool.generation, memory_order_relaxed) + 1;
    /* The ticket first: a worker that sees the new generation finds its tasks open. */
    atomic_store_explicit(&pool.ticket, (generation & 0xffffffffu) << 32, memory_order_release);
    atomic_store_explicit(&pool.generation, generation, memory_order_release);
    pthread_mutex_lock(&pool.sleep_lock);
    if (pool.sleepers) pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.sleep_lock);
    take_tasks(generation, 0);
    /* Wait for the tasks other participants took. */
    unsigned polls = 0;
    while (atomic_load_explicit(&pool.finished, memory_order_acquire) < tasks) {
        cpu_relax();
        if (++polls % 4096 == 0) sched_yield();
    }
    /* Close the job: no late worker can take a task of it any more. */
    atomic_store_explicit(&pool.ticket, (generation & 0xffffffffu) << 32 | 0xffffffffu, memory_order_release);
    pthread_mutex_unlock(&pool.job_lock);
}
