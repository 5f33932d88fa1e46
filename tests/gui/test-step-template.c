/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A next step's template, driven as a user does under Xvfb: the Agenda's reminder of a step
 * with a template has Compose, and so has the step on the person's profile, which open the
 * composer with the template merged for the person; Preferences → a stage's steps picks the template from the library with the pointer
 * and keys, kept when Preferences opens again; a template the library no longer has shows "No
 * Template" and says so. Sending it (completing the step) is in tests/services/
 * test-step-send.c, against the SMTP listener.
 */

#include "config.h"

#include <adwaita.h>

#include "kith-application.h"
#include "kith-agenda-page.h"
#include "kith-address-entry.h"
#include "kith-preferences-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-composer.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-steps.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define DAY_MS G_GINT64_CONSTANT (86400000)

static GuiTestApp app;

/* Three days ago: a person put on a step then has a reminder due by now */
static gint64
three_days_ago (gpointer user_data)
{
  return g_get_real_time () / 1000 - 3 * DAY_MS;
}

static gpointer
save_template_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  const char **parts = data;
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", parts[0], "subject", parts[1],
                                                   "body", parts[2], NULL);

  g_assert_cmpint (kith_store_template_save (store, template, error), >, 0);
  return NULL;
}

static void
seed_template (const char *name,
               const char *subject,
               const char *body)
{
  const char *parts[] = { name, subject, body };

  on_worker (app.t->store, save_template_job, parts);
}

static gpointer
delete_template_job (KithStore  *store,
                     gpointer    data,
                     GError    **error)
{
  g_autoptr(KithTemplate) template = kith_store_template_find (store, data, error);
  gint64 undo_id;

  g_assert_nonnull (template);
  undo_id = kith_store_template_delete_with_undo (store, kith_template_get_id (template), error);
  g_assert_cmpint (undo_id, >, 0);
  g_assert_true (kith_store_forget_undo (store, undo_id, error));
  return NULL;
}

/* The reminders raised already, as the desktop showed them before: the session has no
 * notification server for the application to raise them on */
static gpointer
take_notifications_job (KithStore  *store,
                        gpointer    data,
                        GError    **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return kith_agenda_take_notifications (store, tz, error);
}

/* The real-estate preset; the first buyers' step's template ("Buyer welcome") in the library
 * and another one; Ann on that step and Bo on the next (no template) for three days */
static void
start_app (void)
{
  app.t = gui_test_store_new ();
  apply_preset (app.t->store, "realestate");
  seed_template ("Buyer welcome", "Welcome, {{first_name}}", "Hello {{first_name}}, glad to help.");
  seed_template ("Open house follow-up", "Thanks for coming, {{first_name}}", "See you soon.");
  kith_store_set_clock (app.t->store, three_days_ago, NULL);
  seed_record (app.t, KITH_RECORD_PERSON, "{\"first\": \"Ann\", \"last\": \"Lee\", \"emails\": [\"ann@example.com\"], "
                                "\"segment\": \"customer\", \"stage\": \"lead\", \"step\": \"Send welcome email\"}");
  seed_record (app.t, KITH_RECORD_PERSON, "{\"first\": \"Bo\", \"last\": \"Berg\", \"emails\": [\"bo@example.com\"], "
                                "\"segment\": \"customer\", \"stage\": \"lead\", "
                                "\"step\": \"Schedule buyer consultation\"}");
  kith_store_set_clock (app.t->store, NULL, NULL);
  g_ptr_array_unref (on_worker (app.t->store, take_notifications_job, NULL));
  gui_test_app_register (&app);
}

/* The Agenda's row titled args[1], on screen */
static gboolean
agenda_shows (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_widget (args[0], ADW_TYPE_ACTION_ROW, args[1]);

  return row != NULL && is_mapped (row);
}

static gboolean
composer_shown (gpointer data)
{
  return composer () != NULL && is_mapped (composer ());
}

static gboolean
composer_gone (gpointer data)
{
  return composer () == NULL;
}

static gboolean
is_check_labelled (GtkWidget     *widget,
                   gconstpointer  label)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
step_check_shown (gpointer data)
{
  return composer () != NULL && find_where (GTK_WIDGET (composer ()), is_check_labelled, data) != NULL;
}

static gboolean
subject_is (gpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field ("Subject"))), data) == 0;
}

static gboolean
is_compose_button (GtkWidget     *widget,
                   gconstpointer  unused)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) && tooltip != NULL &&
         g_str_has_prefix (tooltip, "Compose");
}

/* Ann's reminder has Compose, for her step's template; Bo's step has none, nor a button.
 * Compose opens the composer: To Ann, the template merged for her, and the check that
 * sending completes her step, on */
static void
test_agenda_compose (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  KithAgendaPage *agenda;
  gpointer ann[2], bo[2];
  GtkWidget *row, *compose, *check;
  g_auto(GStrv) to = NULL;
  g_autofree char *body = NULL;

  go_to_page (window, "agenda");
  agenda = agenda_page (window);
  ann[0] = bo[0] = agenda;
  ann[1] = (gpointer) "Ann Lee";
  bo[1] = (gpointer) "Bo Berg";
  wait_until (agenda_shows, ann);
  wait_until (agenda_shows, bo);

  row = find_widget (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, "Bo Berg");
  g_assert_null (find_where (row, is_compose_button, NULL));

  row = find_widget (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, "Ann Lee");
  compose = shown_with_tooltip (row, "Compose “Buyer welcome”");
  g_assert_nonnull (compose);
  click (compose);
  wait_until (composer_shown, NULL);
  focus_window (GTK_WIDGET (composer ()));
  wait_until (subject_is, (gpointer) "Welcome, Ann");
  to = kith_address_entry_get_addresses (KITH_ADDRESS_ENTRY (field ("To")));
  g_assert_cmpstr (to[0], ==, "ann@example.com");
  g_assert_null (to[1]);
  body = body_text ();
  g_assert_true (g_str_has_prefix (body, "Hello Ann, glad to help."));
  wait_until (step_check_shown, (gpointer) "Complete step “Send welcome email” when sent");
  check = find_where (GTK_WIDGET (composer ()), is_check_labelled, "Complete step “Send welcome email” when sent");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  close_window (composer ());
  wait_until (composer_gone, NULL);
}

static gpointer
list_drafts_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return kith_store_outgoing_list (store, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT), error);
}

/* For wait_until (): the drafts of Ann's step's email are two, the first completing her step,
 * the second (its check turned off) not */
static gboolean
drafts_complete_first_only (gpointer data)
{
  g_autoptr(GPtrArray) drafts = on_worker (app.t->store, list_drafts_job, NULL);
  guint completing = 0, not_completing = 0;

  for (guint i = 0; i < drafts->len; i++)
    {
      KithOutgoing *draft = g_ptr_array_index (drafts, i);

      if (g_strcmp0 (kith_outgoing_get_subject (draft), "Welcome, Ann") != 0)
        continue;
      if (kith_outgoing_get_completes_step_key (draft) != NULL)
        completing++;
      else
        not_completing++;
    }
  return completing == 1 && not_completing == 1;
}

static gboolean
is_off (gpointer check)
{
  return !gtk_check_button_get_active (check);
}

static gboolean
profile_has_compose (gpointer data)
{
  return shown_with_tooltip (profile_page (data), "Compose “Buyer welcome”") != NULL;
}

/* The same on Ann's profile: her current step, in her relationship, has Compose; the steps
 * after it have none */
static void
test_profile_compose (void)
{
  KithWindow *window = KITH_WINDOW (shown_window_of (KITH_TYPE_WINDOW));
  GtkWidget *compose, *later, *check;
  g_auto(GStrv) to = NULL;

  focus_window (GTK_WIDGET (window));
  open_from_list (window, KITH_RECORD_PERSON, "Ann Lee");
  wait_until (profile_has_compose, window);
  later = find_widget (GTK_WIDGET (profile_page (window)), ADW_TYPE_ACTION_ROW, "Schedule buyer consultation");
  g_assert_nonnull (later);
  g_assert_null (find_where (later, is_compose_button, NULL));

  compose = shown_with_tooltip (profile_page (window), "Compose “Buyer welcome”");
  scroll_into_view (compose);
  click_when_still (compose);
  wait_until (composer_shown, NULL);
  focus_window (GTK_WIDGET (composer ()));
  wait_until (subject_is, (gpointer) "Welcome, Ann");
  to = kith_address_entry_get_addresses (KITH_ADDRESS_ENTRY (field ("To")));
  g_assert_cmpstr (to[0], ==, "ann@example.com");
  wait_until (step_check_shown, (gpointer) "Complete step “Send welcome email” when sent");

  /* Turned off, the message kept as a draft completes nothing; the one from the Agenda does */
  check = find_where (GTK_WIDGET (composer ()), is_check_labelled, "Complete step “Send welcome email” when sent");
  gtk_widget_grab_focus (check);
  press_keys ("space");
  wait_until (is_off, check);
  close_window (composer ());
  wait_until (composer_gone, NULL);
  wait_until (drafts_complete_first_only, NULL);
}

static GtkWidget *
open_preferences (void)
{
  GtkWidget *prefs = kith_preferences_window_new (app.t->store, NULL);

  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 760);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (is_mapped, prefs);
  focus_window (prefs);
  return prefs;
}

/* The first step's template row, on screen */
static GtkWidget *
open_first_template (GtkWidget *prefs)
{
  GtkWidget *template_row = find_widget (open_first_step (prefs), ADW_TYPE_COMBO_ROW, "Email Template");

  g_assert_nonnull (template_row);
  wait_until (revealed, template_row);
  scroll_into_view (template_row);
  return template_row;
}

typedef struct {
  GtkWidget  *row;
  const char *name;
} Chosen;

/* The combo row shows template args->name */
static gboolean
combo_shows (gpointer data)
{
  Chosen *chosen = data;
  KithTemplate *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (chosen->row));

  return item != NULL && g_strcmp0 (kith_template_get_name (item), chosen->name) == 0;
}

/* A popover's item labelled args[1], on screen in any window */
static gboolean
popover_item_shown (gpointer data)
{
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    {
      GtkWidget *popover = find_widget (l->data, GTK_TYPE_POPOVER, NULL);

      if (popover != NULL && gtk_widget_get_mapped (popover) && find_where (popover, is_label_shown, data) != NULL)
        {
          g_list_free (l);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
popover_item (const char *text)
{
  GtkWidget *found = NULL;
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL && found == NULL; l = l->next)
    {
      GtkWidget *popover = find_widget (l->data, GTK_TYPE_POPOVER, NULL);

      if (popover != NULL && gtk_widget_get_mapped (popover))
        found = find_where (popover, is_label_shown, text);
    }
  g_list_free (windows);
  return found;
}

static void
close_preferences (GtkWidget *prefs)
{
  GtkWidget *closing = prefs;

  g_object_add_weak_pointer (G_OBJECT (closing), (gpointer *) &closing);
  gtk_window_close (GTK_WINDOW (prefs));
  wait_until (window_gone, &closing);
}

static gboolean
subtitle_is (gpointer data)
{
  Chosen *chosen = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (chosen->row)), chosen->name) == 0;
}

/* The first step's template chosen from the library with the pointer, then with the keys;
 * Preferences closed and opened again shows it kept */
static void
test_pick_template (void)
{
  GtkWidget *prefs = open_preferences ();
  GtkWidget *row = open_first_template (prefs);
  Chosen chosen = { row, "Buyer welcome" };

  /* The step's own template, read from the library */
  wait_until (combo_shows, &chosen);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");

  /* With the pointer: the list, and its last template */
  click (row);
  wait_until (popover_item_shown, (gpointer) "Open house follow-up");
  click_when_still (popover_item ("Open house follow-up"));
  chosen.name = "Open house follow-up";
  wait_until (combo_shows, &chosen);
  close_preferences (prefs);

  prefs = open_preferences ();
  row = open_first_template (prefs);
  chosen.row = row;
  wait_until (combo_shows, &chosen);

  /* With the keys: the list opened from the keyboard, the library's first, chosen */
  gtk_widget_grab_focus (row);
  press_keys ("space");
  wait_until (popover_item_shown, (gpointer) "Buyer welcome");
  {
    /* Keys go to the list once the popover has popped up and taken the focus */
    Settling settling = { popover_item ("Buyer welcome"), 0, 0, 0 };

    wait_until (has_settled, &settling);
  }
  /* The first item ("No Template"), then the one below it */
  press_keys ("Home");
  press_keys ("Down");
  press_keys ("Return");
  chosen.name = "Buyer welcome";
  wait_until (combo_shows, &chosen);
  close_preferences (prefs);

  prefs = open_preferences ();
  chosen.row = open_first_template (prefs);
  wait_until (combo_shows, &chosen);
  close_preferences (prefs);
}

/* A step whose template the library no longer has shows "No Template", and its name under it */
static void
test_missing_template (void)
{
  GtkWidget *prefs;
  Chosen chosen;

  on_worker (app.t->store, delete_template_job, (gpointer) "Buyer welcome");
  prefs = open_preferences ();
  chosen.row = open_first_template (prefs);
  chosen.name = "No Template";
  wait_until (combo_shows, &chosen);
  chosen.name = "“Buyer welcome” is not in the library";
  wait_until (subtitle_is, &chosen);
  close_preferences (prefs);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gui_test_init (&argc, &argv);
  start_app ();

  g_test_add_func ("/step-template/agenda-compose", test_agenda_compose);
  g_test_add_func ("/step-template/profile-compose", test_profile_compose);
  g_test_add_func ("/step-template/pick-template", test_pick_template);
  g_test_add_func ("/step-template/missing-template", test_missing_template);
  ret = g_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (app.app), "quit", NULL);
  g_clear_object (&app.app);
  kith_test_store_free (app.t);
  return ret;
}
