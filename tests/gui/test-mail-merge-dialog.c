/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The mail merge dialog in the application, with a mail account on the private Dovecot to send
 * from: opened from the People list (the people it shows) or from the main menu with a query
 * typed in it; the review's counts by reason, a recipient left out by hand, the list paged to
 * its end, the start time typed, Start — and the merge as stored. Closed before Start, the
 * draft is gone from the store. The profile's Do Not Email switch sets the person's flag.
 */

#include "config.h"

#include <adwaita.h>

#include "kith-application.h"
#include "kith-mail-merge-dialog.h"
#include "kith-mail-merge-recipient-row.h"
#include "kith-merge-page.h"
#include "kith-statement.h"
#include "kith-templates.h"
#include "kith-window.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-window.h"

#define ME "alice@example.org"
#define PASSWORD "merge-secret"
#define N_PEOPLE 30

static GuiTestApp app;

static gpointer
save_template_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  g_assert_cmpint (kith_store_template_save (store, data, error), >, 0);
  return NULL;
}

static void
seed_template (const char *name,
               const char *subject,
               const char *body)
{
  g_autoptr(KithTemplate) template = kith_template_new (name);

  kith_template_set_subject (template, subject);
  kith_template_set_body (template, body);
  on_worker (app.t->store, save_template_job, template);
}

/* Thirty people "Merge P00" … "Merge P29" at Acme: P00–P02 without an address, P03 not to be
 * emailed, P06 and P07 at no company (the template's {{company}} has no fallback). No two share
 * an address: the store keeps an address to one person (a new record with it is that person) */
static void
seed_people (void)
{

  seed_record (app.t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example\"]}");
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *address = g_strdup_printf ("p%02u@acme.example", i);
      g_autofree char *emails = i < 3 ? g_strdup ("") : g_strdup_printf (", \"emails\": [\"%s\"]", address);
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Merge P%02u\"%s%s%s}", i, emails,
                                               i == 6 || i == 7 ? "" : ", \"company\": \"acme.example\"",
                                               i == 3 ? ", \"doNotEmail\": true" : "");

      seed_record (app.t, KITH_RECORD_PERSON, json);
    }
}

static void
start_app (void)
{
  app.t = gui_test_store_new ();
  apply_preset (app.t->store, "business");
  gui_test_app_start_dovecot (&app, PASSWORD);
  seed_people ();
  seed_template ("Offer", "Offer for {{first_name}}", "Dear {{first_name}}, a word about {{company}}.");
  gui_test_app_take_down (&app, gui_test_app_add_account (&app, ME, PASSWORD));
  gui_test_app_register (&app);
}

static KithWindow *
main_window (void)
{
  KithWindow *window;

  g_application_activate (G_APPLICATION (app.app));
  window = KITH_WINDOW (wait_for_window (KITH_TYPE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  wait_until (is_mapped, window);
  focus_window (GTK_WIDGET (window));
  return window;
}

/* The store's side, read on the worker */

static gpointer
count_merges_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  g_assert_true (kith_statement_prepare (&st, store, "SELECT count(*) FROM mail_merges WHERE state = ?", error));
  kith_statement_bind_text (&st, 1, data);
  return GSIZE_TO_POINTER (kith_statement_get_int64 (&st, error) + 1);
}

/* How many merges are stored in @state ("draft", "running") */
static guint
merges_in (const char *state)
{
  return GPOINTER_TO_SIZE (on_worker (app.t->store, count_merges_job, (gpointer) state)) - 1;
}

static gboolean
no_draft_stored (gpointer data)
{
  return merges_in ("draft") == 0;
}

static gpointer
last_merge_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GPtrArray) recipients = NULL;
  KithMergeSummary *summary = data;
  gint64 id;

  g_assert_true (kith_statement_prepare (&st, store, "SELECT max (id) FROM mail_merges", error));
  id = kith_statement_get_int64 (&st, error);
  g_assert_true (kith_store_mail_merge_get_summary (store, id, summary, error));
  recipients = kith_store_mail_merge_recipients (store, id, 0, G_MAXUINT, FALSE, error);
  g_assert_nonnull (recipients);
  return g_steal_pointer (&recipients);
}

/* The dialog's parts, as a user finds them */

static GtkWidget *
button_labelled (GtkWidget  *root,
                 const char *label)
{
  GtkWidget *button = find_where (root, is_labelled_button, label);

  g_assert_nonnull (button);
  return button;
}

static gboolean
is_count_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The count the review shows for @reason (an action row's title) */
static const char *
count_of (GtkWidget  *dialog,
          const char *reason)
{
  GtkWidget *label = find_where (action_row_titled (dialog, reason), is_count_label, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

typedef struct {
  GtkWidget  *dialog;
  const char *reason;
  const char *count;
} Count;

static gboolean
shows_count (gpointer data)
{
  Count *c = data;

  return g_strcmp0 (count_of (c->dialog, c->reason), c->count) == 0;
}

static void
assert_count (GtkWidget  *dialog,
              const char *reason,
              const char *count)
{
  Count c = { dialog, reason, count };

  wait_until (shows_count, &c);
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  name)
{
  return KITH_IS_MAIL_MERGE_RECIPIENT_ROW (widget) && gtk_widget_get_height (widget) > 0 &&
         find_where (widget, is_label_shown, name) != NULL;
}

/* The list of recipients (not the From menu's list, out of sight) */
static gboolean
is_shown_list_view (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget);
}

/* Scrolls the recipients down with the mouse wheel until the row of the one named @name (once
 * its page has come) shows whole */
static GtkWidget *
scroll_to_recipient (GtkWidget  *dialog,
                     const char *name)
{
  GtkWidget *view = find_where (dialog, is_shown_list_view, NULL);
  GtkWidget *row;

  for (guint tries = 0; (row = find_where (view, is_row_of, name)) == NULL || !in_view (row); tries++)
    {
      g_assert_cmpuint (tries, <, 200);
      pointer_to (view, -1, -1);
      xdotool ("click", "5", NULL);
      wait_for_frames (view);
    }
  return row;
}

static GtkWidget *
open_from_people_list (KithWindow *window)
{
  KithListPage *people = list_page (window, KITH_RECORD_PERSON);
  GtkWidget *dialog;
  gpointer args[2];

  go_to_page (window, "people");
  search_for (people, "Merge");
  wait_for_count (people, N_PEOPLE);
  choose (open_menu (people, "Send Mail Merge…"), "Send Mail Merge…");
  dialog = wait_for_window (KITH_TYPE_MAIL_MERGE_DIALOG);
  args[0] = dialog;
  args[1] = "30 people";
  wait_until (any_label_shown, args);
  return dialog;
}

/* Picks the template named @name from the dialog's library */
static void
pick_template (GtkWidget  *dialog,
               const char *name)
{
  click_when_still (action_row_titled (dialog, name));
}

static void
go_to_review (GtkWidget *dialog)
{
  GtkWidget *next = button_labelled (dialog, "_Next");

  pick_template (dialog, "Offer");
  wait_until (is_sensitive, next);
  click_when_still (next);
  assert_count (dialog, "No email address", "3");
}

static gboolean
names_company (gpointer dialog)
{
  GtkWidget *row = action_row_titled (dialog, "Empty field without fallback");

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "company") == 0;
}

static char *
tomorrow_at (int         hour,
             int         minute,
             const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                     g_date_time_get_day_of_month (day), hour, minute, 0);

  return g_date_time_format (when, format);
}

/* From the People list: the counts by reason, one left out by hand, the list to its end, a
 * start tomorrow, Start; the merge runs with the right people queued in the Outbox */
static void
test_from_list (void)
{
  KithWindow *window = main_window ();
  GtkWidget *dialog = open_from_people_list (window);
  g_autofree char *start = tomorrow_at (9, 0, "%Y-%m-%d %H:%M");
  g_autofree char *finish = NULL;
  g_autofree char *finish_date = tomorrow_at (9, 1, "%A %-d %B %Y, %H:%M");
  g_autoptr(GPtrArray) recipients = NULL;
  KithMergeSummary summary;
  GtkWidget *row;
  gpointer args[2];

  /* From offers the account as the composer does: its name and address */
  args[0] = dialog;
  args[1] = "Alice Agent <" ME ">";
  wait_until (any_label_shown, args);

  go_to_review (dialog);
  assert_count (dialog, "To send", "24");
  assert_count (dialog, "Empty field without fallback", "2");
  /* The field is named */
  wait_until (names_company, dialog);
  assert_count (dialog, "Do not email", "1");
  assert_count (dialog, "Duplicate address", "0");
  assert_count (dialog, "Left out by hand", "0");
  row = scroll_to_recipient (dialog, "Merge P08");
  args[0] = row;
  args[1] = "Offer for Merge";
  wait_until (any_label_shown, args);

  /* Left out by hand with a click on their check */
  click_when_still (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL));
  assert_count (dialog, "Left out by hand", "1");
  assert_count (dialog, "To send", "23");

  /* Paged to the end */
  scroll_to_recipient (dialog, "Merge P29");

  /* Tomorrow at nine: 23 at 20 a minute leave by 09:01 */
  type_into (find_where (dialog, has_tooltip, "Date and time, e.g. 2026-12-24 09:00"), start);
  finish = g_strdup_printf ("Finishes %s", finish_date);
  args[0] = dialog;
  args[1] = finish;
  wait_until (any_label_shown, args);

  click_when_still (button_labelled (dialog, "_Start"));
  wait_for_window_gone (KITH_TYPE_MAIL_MERGE_DIALOG);
  /* The window shows the merge going */
  wait_until (is_mapped, wait_for_page (window, is_a_type, GSIZE_TO_POINTER (KITH_TYPE_MERGE_PAGE)));

  recipients = on_worker (app.t->store, last_merge_job, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_RUNNING);
  g_assert_cmpuint (summary.total, ==, N_PEOPLE);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_QUEUED], ==, 23);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_BY_HAND], ==, 1);
  for (guint i = 0; i < recipients->len; i++)
    {
      KithMergeRecipient *r = recipients->pdata[i];
      g_autofree char *name = g_strdup_printf ("Merge P%02u", i);
      gboolean queued = i == 4 || i == 5 || i >= 9;

      g_assert_cmpstr (kith_merge_recipient_get_name (r), ==, name);
      g_assert_cmpint (kith_merge_recipient_get_state (r) == KITH_MERGE_RECIPIENT_QUEUED, ==, queued);
      g_assert_cmpint (kith_merge_recipient_get_outgoing_id (r) != 0, ==, queued);
      if (i == 8)
        g_assert_cmpint (kith_merge_recipient_get_exclusion (r), ==, KITH_MERGE_EXCLUSION_BY_HAND);
    }
  g_assert_cmpuint (merges_in ("draft"), ==, 0);
}

/* Send Mail Merge… below the list of @page in selection mode; the dialog, once it counts
 * @count */
static GtkWidget *
merge_selection (KithListPage *page,
                 const char   *count)
{
  gpointer shown[] = { page, (gpointer) "Send Mail Merge…" };
  GtkWidget *button, *dialog;
  gpointer args[2];

  wait_until (any_label_shown, shown);
  button = shown_button (page, "Send Mail Merge…");
  g_assert_nonnull (button);
  wait_until (is_sensitive, button);
  click_when_still (button);
  dialog = wait_for_window (KITH_TYPE_MAIL_MERGE_DIALOG);
  args[0] = dialog;
  args[1] = (gpointer) count;
  wait_until (any_label_shown, args);
  return dialog;
}

/* Waits until the header of @page reads @title ("2 Selected") */
static void
wait_for_title (KithListPage *page,
                const char   *title)
{
  gpointer args[] = { page, (gpointer) title };

  wait_until (any_label_shown, args);
}

/* From a selection: in People, a search, then the two people chosen with Ctrl+click (the
 * first click right after typing, issue 13); the merge's recipients are those two */
static void
test_from_selection (void)
{
  KithWindow *window = main_window ();
  KithListPage *people = list_page (window, KITH_RECORD_PERSON);
  g_autoptr(GPtrArray) recipients = NULL;
  KithMergeSummary summary;
  GtkWidget *dialog;

  go_to_page (window, "people");
  search_for (people, "Merge");
  wait_for_count (people, N_PEOPLE);
  click_row_with (people, "Merge P09", "ctrl");
  wait_for_title (people, "1 Selected");
  click_row_with (people, "Merge P08", "ctrl");
  wait_for_title (people, "2 Selected");

  dialog = merge_selection (people, "2 people");
  pick_template (dialog, "Offer");
  wait_until (is_sensitive, button_labelled (dialog, "_Next"));
  click_when_still (button_labelled (dialog, "_Next"));
  assert_count (dialog, "To send", "2");
  assert_count (dialog, "No email address", "0");
  assert_count (dialog, "Empty field without fallback", "0");

  /* The draft's recipients: those two, in the list's order */
  recipients = on_worker (app.t->store, last_merge_job, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_DRAFT);
  g_assert_cmpuint (recipients->len, ==, 2);
  g_assert_cmpstr (kith_merge_recipient_get_name (recipients->pdata[0]), ==, "Merge P08");
  g_assert_cmpstr (kith_merge_recipient_get_name (recipients->pdata[1]), ==, "Merge P09");

  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_MAIL_MERGE_DIALOG);
  wait_until (no_draft_stored, NULL);

  /* Still chosen after the dialog; Escape leaves selection mode */
  focus_window (GTK_WIDGET (window));
  click_row_with (people, "Merge P05", "ctrl");
  wait_for_title (people, "3 Selected");
  press_keys ("Escape");
  g_assert_nonnull (shown_with_tooltip (people, "Select"));
}

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return is_menu_button_with (widget, "open-menu-symbolic");
}

/* For wait_until (): the label under the query entry @data shows a problem */
static gboolean
shows_query_problem (gpointer data)
{
  GtkWidget *label = gtk_widget_get_next_sibling (data);

  return GTK_IS_LABEL (label) && gtk_widget_has_css_class (label, "error") && is_mapped (label) &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), "colour") != NULL;
}

/* From the main menu: a query that does not parse (its error, Next off), then one that finds
 * the thirty; Enter goes to the review, Escape closes and forgets the draft */
static void
test_query (void)
{
  KithWindow *window = main_window ();
  GtkWidget *menu_button = find_where (GTK_WIDGET (window), is_primary_menu_button, NULL);
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  GtkWidget *dialog;
  GtkWidget *query;
  GtkWidget *next;
  gpointer args[2] = { popover, "New Mail Merge…" };

  click_when_still (menu_button);
  wait_until (label_shown, args);
  choose (popover, "New Mail Merge…");
  dialog = wait_for_window (KITH_TYPE_MAIL_MERGE_DIALOG);
  next = button_labelled (dialog, "_Next");
  pick_template (dialog, "Offer");

  query = find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  type_into (query, "stage:active colour:red");
  /* The parser's message under the query, and no Next */
  wait_until (shows_query_problem, query);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (query))), "colour"));
  g_assert_false (gtk_widget_is_sensitive (next));

  type_into (query, "Merge");
  args[0] = dialog;
  args[1] = "30 people";
  wait_until (any_label_shown, args);
  wait_until (is_sensitive, next);
  click (query);
  press_keys ("Return");
  assert_count (dialog, "No email address", "3");
  g_assert_cmpuint (merges_in ("draft"), ==, 1);

  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_MAIL_MERGE_DIALOG);
  wait_until (no_draft_stored, NULL);
}

/* Cancel on the review: the draft is deleted */
static void
test_close_before_start (void)
{
  KithWindow *window = main_window ();
  GtkWidget *dialog = open_from_people_list (window);

  go_to_review (dialog);
  g_assert_cmpuint (merges_in ("draft"), ==, 1);
  click_when_still (button_labelled (dialog, "_Cancel"));
  wait_for_window_gone (KITH_TYPE_MAIL_MERGE_DIALOG);
  wait_until (no_draft_stored, NULL);
}

static gboolean
is_switch_shown (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SWITCH (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
stored_do_not_email (gpointer id)
{
  g_autoptr(KithRecord) record = stored_record (app.t->store, *(gint64 *) id);
  gboolean flag = FALSE;

  g_object_get (record, "do-not-email", &flag, NULL);
  return flag;
}

/* The profile's Do Not Email switch sets the person's flag, which merges honour */
static void
test_do_not_email (void)
{
  KithWindow *window = main_window ();
  gint64 id = lookup (app.t->store, "p10@acme.example");
  GtkWidget *row;

  open_from_list (window, KITH_RECORD_PERSON, "Merge P10");
  row = action_row_titled (profile_page (window), "Do Not Email");
  scroll_into_view (row);
  click_when_still (find_where (row, is_switch_shown, NULL));
  wait_until (stored_do_not_email, &id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  g_test_add_func ("/mail-merge-dialog/close-before-start", test_close_before_start);
  g_test_add_func ("/mail-merge-dialog/query", test_query);
  g_test_add_func ("/mail-merge-dialog/from-list", test_from_list);
  g_test_add_func ("/mail-merge-dialog/do-not-email", test_do_not_email);
  g_test_add_func ("/mail-merge-dialog/from-selection", test_from_selection);

  start_app ();
  status = g_test_run ();
  gui_test_app_stop (&app);

  return status;
}
