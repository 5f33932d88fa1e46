/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * How far an import or export has come, from the thread that reads or writes the file to a
 * progress bar on the main loop. A format reports as often as it likes (KithTransferProgress,
 * on its own thread); the bar hears of a change of a percent or more, so a file of a million
 * rows does not queue a million idles. The bar may go first (its dialog closed): a weak
 * reference. Each report queued holds the relay, which may be let go before they all ran.
 */

#include "config.h"

#include "kith-transfer-progress.h"

struct _KithTransferProgressRelay
{
  GMainContext *context;   /* of the thread that made the relay: the bar's */
  GWeakRef      bar;
  double        reported;  /* on the reporting thread only */
};

typedef struct {
  KithTransferProgressRelay *relay;
  double                     fraction;
} Report;

/**
 * kith_transfer_progress_relay_new:
 * @bar: shows the progress, on the calling thread's main context
 *
 * Returns: (transfer full): a relay to give as the options' progress_data, with
 *   kith_transfer_progress_relay_report() as their progress; free it after the transfer ends
 */
KithTransferProgressRelay *
kith_transfer_progress_relay_new (GtkProgressBar *bar)
{
  KithTransferProgressRelay *relay = g_atomic_rc_box_new0 (KithTransferProgressRelay);

  relay->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&relay->bar, bar);
  relay->reported = -1;

  return relay;
}

static gboolean
show_report (gpointer data)
{
  Report *report = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&report->relay->bar);

  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, report->fraction);

  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  Report *report = data;

  kith_transfer_progress_relay_free (report->relay);
  g_free (report);
}

void
kith_transfer_progress_relay_report (double   fraction,
                                     gpointer data)
{
  KithTransferProgressRelay *relay = data;
  Report *report;

  if (ABS (fraction - relay->reported) < 0.01 && fraction < 1)
    return;
  relay->reported = fraction;

  report = g_new (Report, 1);
  report->relay = g_atomic_rc_box_acquire (relay);
  report->fraction = CLAMP (fraction, 0, 1);
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, show_report, report, report_free);
}

static void
relay_clear (gpointer data)
{
  KithTransferProgressRelay *relay = data;

  g_weak_ref_clear (&relay->bar);
  g_main_context_unref (relay->context);
}

/**
 * kith_transfer_progress_relay_free:
 *
 * Lets the relay go; reports still queued keep it until they have run.
 */
void
kith_transfer_progress_relay_free (KithTransferProgressRelay *relay)
{
  if (relay != NULL)
    g_atomic_rc_box_release_full (relay, relay_clear);
}
