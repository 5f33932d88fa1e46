/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Mail Merges page and its sidebar row, over a merge of 20 people made and started in the
 * store. No sender runs in these tests: the merge's messages are taken from the Outbox and
 * marked sent or refused through the Outbox's own calls, as the sender does. The sidebar row
 * shows while the merge runs, with its progress; the page follows the Outbox; Pause, Resume and
 * Cancel (confirmed) with the pointer are what the store then has; Failures shows the server's
 * text; Export Report… writes the report the store gives.
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "kith-core.h"
#include "merge/kith-merge-page.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define N_PEOPLE 20
#define REFUSAL "550 5.1.1 <p3@example.com>: Recipient address rejected: User unknown"

/* The store's side: seeding, sending, reading back (each on the store's worker) */

/* 20 people at pN@example.com, a template, and a merge to them all with no limits, under
 * review */
static gpointer
create_merge_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  KithTestStore *t = data;
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Spring Newsletter",
                                                   "subject", "Hello {{first_name}}", "body", "Dear {{name}},", NULL);
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  KithMergeLimits limits = { 0, 0, 0 };
  gint64 template_id;
  gint64 merge_id;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"first\": \"Person\", \"last\": \"%u\", "
                                               "\"emails\": [\"p%u@example.com\"]}", i, i);
      gint64 id = kith_test_create (t, KITH_RECORD_PERSON, json);

      g_array_append_val (people, id);
    }
  template_id = kith_store_template_save (store, template, error);
  g_assert_cmpint (template_id, >, 0);
  merge_id = kith_store_mail_merge_create (store, template_id, "test-account", "me@example.com", "Me", people,
                                           &limits, error);
  g_assert_cmpint (merge_id, >, 0);
  return GSIZE_TO_POINTER ((gsize) merge_id);
}

static gint64
create_merge (KithTestStore *t)
{
  return (gint64) GPOINTER_TO_SIZE (on_worker (t->store, create_merge_job, t));
}

static gpointer
start_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  g_assert_cmpint (kith_store_mail_merge_start (store, *(gint64 *) data, error), ==, N_PEOPLE);
  return NULL;
}

/* The merge made and started: its 20 messages in the Outbox */
static gint64
start_merge (KithTestStore *t)
{
  gint64 id = create_merge (t);

  on_worker (t->store, start_job, &id);
  return id;
}

/* The next message due, taken from the Outbox and sent, or refused with the server's text */
static gpointer
send_next_job (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  const char *refusal = data;
  g_autoptr(KithOutgoing) claimed = kith_store_outgoing_claim (store, G_MAXINT64, error);

  g_assert_nonnull (claimed);
  if (refusal != NULL)
    g_assert_true (kith_store_outgoing_set_failed (store, kith_outgoing_get_id (claimed), refusal, error));
  else
    g_assert_true (kith_store_outgoing_set_sent (store, kith_outgoing_get_id (claimed), error));
  return NULL;
}

static void
send_next (KithTestStore *t,
           guint          n,
           const char    *refusal)
{
  for (guint i = 0; i < n; i++)
    on_worker (t->store, send_next_job, (gpointer) refusal);
}

typedef struct {
  KithTestStore    *t;
  gint64            id;
  KithMergeSummary  summary;
} Stored;

static gpointer
summary_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  Stored *stored = data;

  g_assert_true (kith_store_mail_merge_get_summary (store, stored->id, &stored->summary, error));
  return NULL;
}

/* The merge as the store has it now */
static void
read_stored (Stored *stored)
{
  on_worker (stored->t->store, summary_job, stored);
}

typedef struct {
  Stored          stored;
  KithMergeState  state;
  guint           pending;
  guint           queued;
} StoredIs;

static gboolean
stored_is (gpointer data)
{
  StoredIs *is = data;

  read_stored (&is->stored);
  return is->stored.summary.state == is->state &&
         is->stored.summary.by_state[KITH_MERGE_RECIPIENT_PENDING] == is->pending &&
         is->stored.summary.by_state[KITH_MERGE_RECIPIENT_QUEUED] == is->queued;
}

static void
wait_for_stored (KithTestStore  *t,
                 gint64          id,
                 KithMergeState  state,
                 guint           pending,
                 guint           queued)
{
  StoredIs is = { { t, id, { 0 } }, state, pending, queued };

  wait_until (stored_is, &is);
}

static gpointer
report_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return kith_store_mail_merge_report_csv (store, *(gint64 *) data, error);
}

/* The window's side */

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
merges_row (KithWindow *window)
{
  GtkWidget *row = find_where (GTK_WIDGET (window), is_named, "merges");

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_numeric (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

typedef struct {
  KithWindow *window;
  const char *percent;   /* NULL: the row is not shown */
} SidebarIs;

/* The sidebar's Mail Merges row shows @percent done, its bar as far, or is not there */
static gboolean
sidebar_is (gpointer data)
{
  SidebarIs *is = data;
  GtkWidget *row = merges_row (is->window);
  GtkWidget *bar = find_widget (row, GTK_TYPE_PROGRESS_BAR, NULL);

  if (is->percent == NULL)
    return !gtk_widget_get_visible (row);
  return gtk_widget_get_mapped (row) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (find_where (row, is_numeric, NULL))), is->percent) == 0 &&
         G_APPROX_VALUE (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), g_ascii_strtod (is->percent, NULL) / 100,
                         0.005);
}

static void
wait_for_sidebar (KithWindow *window,
                  const char *percent)
{
  SidebarIs is = { window, percent };

  wait_until (sidebar_is, &is);
}

static gboolean
is_merge_page (GtkWidget     *widget,
               gconstpointer  data)
{
  return KITH_IS_MERGE_PAGE (widget);
}

/* A click on the sidebar's row; the page, on screen */
static GtkWidget *
go_to_merges (KithWindow *window)
{
  GtkWidget *page;

  /* The row has just come: clicked where it stays */
  click_when_still (merges_row (window));
  page = wait_for_page (window, is_merge_page, NULL);
  wait_until (is_mapped, page);
  return page;
}

/* Waits for a label in @page (the merge's row, the window) to say @status */
static void
wait_for_status (GtkWidget  *page,
                 const char *status)
{
  gpointer args[] = { page, (gpointer) status };

  wait_until (any_label_shown, args);
}

static gboolean
is_shown_button (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         (g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0 ||
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), name) == 0);
}

static gboolean
button_shown (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_shown_button, args[1]) != NULL;
}

/* Clicks the button @name (its tooltip or label) on @page once it shows */
static void
click_button (GtkWidget  *page,
              const char *name)
{
  gpointer args[] = { page, (gpointer) name };

  wait_until (button_shown, args);
  click_when_still (find_where (page, is_shown_button, name));
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The tests */

/* The sidebar's row comes with the running merge and follows what is sent; Pause takes what
 * is queued back from the Outbox, Resume queues it again */
static void
test_progress_pause_resume (WindowFixture *f,
                            gconstpointer  data)
{
  gint64 id;
  GtkWidget *page;

  wait_for_sidebar (f->window, NULL);
  id = start_merge (f->t);
  wait_for_sidebar (f->window, "0%");

  page = go_to_merges (f->window);
  {
    gpointer args[] = { page, (gpointer) "Spring Newsletter" };

    wait_until (any_label_shown, args);
  }
  wait_for_status (page, "0 of 20 sent");

  send_next (f->t, 5, NULL);
  wait_for_status (page, "5 of 20 sent");
  wait_for_sidebar (f->window, "25%");

  click_button (page, "Pause");
  wait_for_stored (f->t, id, KITH_MERGE_PAUSED, 15, 0);
  wait_for_status (page, "Paused: 5 of 20 sent");
  /* Paused is still under way: the sidebar keeps it */
  wait_for_sidebar (f->window, "25%");
  save_png (GTK_WIDGET (f->window), "merge-page-paused.png");

  click_button (page, "Resume");
  wait_for_stored (f->t, id, KITH_MERGE_RUNNING, 0, 15);
  wait_for_status (page, "5 of 20 sent");

  send_next (f->t, 15, NULL);
  wait_for_status (page, "Finished: 20 sent, 0 failed, 0 excluded");
  wait_for_sidebar (f->window, NULL);
  save_png (GTK_WIDGET (f->window), "merge-page.png");
}

/* A refused recipient shows under Failures with the server's text; Cancel, confirmed, stops
 * the merge; Export Report… writes the store's report */
static void
test_failures_cancel_report (WindowFixture *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "report.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  gint64 id = start_merge (f->t);
  GtkWidget *page;

  send_next (f->t, 3, NULL);
  send_next (f->t, 1, REFUSAL);
  wait_for_sidebar (f->window, "20%");
  page = go_to_merges (f->window);
  wait_for_status (page, "3 of 20 sent");

  click_button (page, "Failures");
  wait_for_status (page, REFUSAL);

  click_button (page, "Cancel");
  answer_message_dialog ("_Stop Sending");
  wait_for_stored (f->t, id, KITH_MERGE_CANCELLED, 16, 0);
  wait_for_status (page, "Cancelled: 3 of 20 sent");
  wait_for_sidebar (f->window, NULL);

  click_button (page, "Export Report…");
  save_as (path);
  wait_until (file_exists, path);
  wait_for_status (GTK_WIDGET (f->window), "Report saved as “report.csv”");
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  expected = on_worker (f->t->store, report_job, &id);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "Person 3,p3@example.com,failed,," REFUSAL "\r\n"));
  g_assert_nonnull (strstr (written, "Person 19,p19@example.com,pending,,\r\n"));
}

/* Kith stopped while it queued a merge, between two batches (the merge running, its recipients
 * still pending, as a kill leaves the file): when the window comes back they go to the Outbox,
 * each once, and the page follows them */
static void
test_goes_on_after_restart (WindowFixture *f,
                            gconstpointer  data)
{
  gint64 id;
  sqlite3 *db = NULL;
  GtkWidget *page;

  f->t = gui_test_store_new ();
  id = create_merge (f->t);
  g_assert_cmpint (sqlite3_open (f->t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE mail_merges SET state = 'running'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->window = present_main_window (f->t, 1180, 760);
  wait_for_sidebar (f->window, "0%");
  wait_for_stored (f->t, id, KITH_MERGE_RUNNING, 0, N_PEOPLE);
  page = go_to_merges (f->window);
  wait_for_status (page, "0 of 20 sent");

  send_next (f->t, N_PEOPLE, NULL);
  wait_for_status (page, "Finished: 20 sent, 0 failed, 0 excluded");
  wait_for_sidebar (f->window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/merge-page/progress-pause-resume", WindowFixture, NULL, window_fixture_set_up,
              test_progress_pause_resume, window_fixture_tear_down);
  g_test_add ("/merge-page/failures-cancel-report", WindowFixture, NULL, window_fixture_set_up,
              test_failures_cancel_report, window_fixture_tear_down);

  g_test_add ("/merge-page/goes-on-after-restart", WindowFixture, NULL, NULL, test_goes_on_after_restart,
              window_fixture_tear_down);

  return g_test_run ();
}
