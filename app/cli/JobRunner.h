// Runs an engine job the way the GUI does: started on its own thread, its signals arriving
// queued in this thread's event loop, which runs until the job's finished signal. SIGINT and
// SIGTERM cancel the job (cooperatively, so a backup flushes its packs first).
#pragma once

#include "engine/Job.h"
#include "Interrupt.h"
#include "ProgressPrinter.h"

#include <QCoreApplication>

namespace strata::cli {

// Blocks in QCoreApplication::exec() until the job finishes; returns its result.
template <typename JobT>
auto runJob(JobT &job, ProgressPrinter &printer)
{
    using ResultT = std::decay_t<decltype(job.result())>;
    ResultT result;
    QObject receiver; // lives in this thread: makes every connection below queued
    QObject::connect(&job, &Job::progress, &receiver, [&](const Progress &p) { printer.progress(p); });
    QObject::connect(&job, &Job::warning, &receiver,
                     [&](const QString &path, const QString &message) { printer.warning(path, message); });
    QObject::connect(&job, &JobT::finished, &receiver, [&](const ResultT &r) {
        result = r;
        QCoreApplication::exit(0);
    });
    const Interrupt::Scope interruptible([&] {
        printer.note(QStringLiteral("Cancelling... (press Ctrl-C again to quit at once)"));
        job.cancel();
    });
    job.start();
    QCoreApplication::exec();
    job.wait();
    printer.finish();
    return result;
}

} // namespace strata::cli
