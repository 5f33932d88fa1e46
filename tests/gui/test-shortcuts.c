/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The window's keyboard, under Xvfb on a real store, with real key presses: Ctrl+N and Ctrl+F
 * work wherever the keyboard is (a text field of the profile, the Agenda); Tab moves the focus
 * out of the sidebar without changing the page; a profile opened after a long one shows its top;
 * a narrow window keeps its close button on every page; the New form's labels and a property's
 * people speak plainly; a profile's dates have no padding.
 */

#include <adwaita.h>
#include <string.h>

#include "kith-list-page.h"
#include "kith-new-record-dialog.h"
#include "kith-todo-dialog.h"
#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* For wait_until (): the keyboard is in the text field args[1] of the window args[0] */
static gboolean
focus_in (gpointer data)
{
  gpointer *args = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (args[0]));

  return focus != NULL && (focus == args[1] || gtk_widget_is_ancestor (focus, args[1]));
}

static GtkWidget *
profile_field (Fixture    *f,
               const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* Ctrl+N in a text field of a company's profile: a new company, as beside the Companies list */
static void
test_new_from_profile_field (Fixture       *f,
                             gconstpointer  data)
{
  gpointer in_name[] = { f->window, NULL };

  seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Acme Surveys\", \"domains\": [\"acme.example\"]}");
  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme Surveys");
  in_name[1] = profile_field (f, "Name");
  click_when_still (in_name[1]);
  wait_until (focus_in, in_name);

  press_keys ("ctrl+n");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (wait_for_window (KITH_TYPE_NEW_RECORD_DIALOG))), ==,
                   "New Company");
  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_NEW_RECORD_DIALOG);

  /* The name typed nothing meanwhile */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (profile_field (f, "Name"))), ==, "Acme Surveys");
}

/* For wait_until (): the New To-Do form is with Ada, her chip on it */
static gboolean
form_is_with_ada (gpointer data)
{
  GtkWidget *form = shown_window_of (KITH_TYPE_TODO_DIALOG);

  return form != NULL && find_widget (form, GTK_TYPE_LABEL, "Ada Lovelace") != NULL;
}

/* Ctrl+T with the keyboard in the list: a to-do about the person shown beside it */
static void
test_todo_from_list (Fixture       *f,
                     gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer in_list[] = { f->window, people };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (focus_in, in_list);

  press_keys ("ctrl+t");
  wait_for_window (KITH_TYPE_TODO_DIALOG);
  wait_until (form_is_with_ada, NULL);
  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_TODO_DIALOG);
}

/* Ctrl+F on the Agenda, which has no search: People's, with the keyboard in it */
static void
test_search_from_agenda (Fixture       *f,
                         gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer in_search[] = { f->window, NULL };

  go_to_page (f->window, "agenda");
  press_keys ("ctrl+f");
  wait_until (is_mapped, people);
  in_search[1] = search_entry (people);
  wait_until (focus_in, in_search);

  /* What is typed goes into the search */
  type_text ("ada");
  {
    gpointer holds[] = { f->window, (gpointer) "ada" };

    wait_until (focus_holds_text, holds);
    g_assert_true (focus_in (in_search));
  }
}

static gboolean
is_pages_list (GtkWidget     *widget,
               gconstpointer  unused)
{
  GtkListBoxRow *first = GTK_IS_LIST_BOX (widget) ? gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) : NULL;

  return first != NULL && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (first)), "agenda") == 0;
}

static const char *
page_shown (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (agenda_page (f->window)));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
focus_left (gpointer data)
{
  gpointer *args = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (args[0]));

  return focus != NULL && focus != args[1] && !gtk_widget_is_ancestor (focus, args[1]);
}

/* Tab in the sidebar moves the keyboard on; the page stays the one chosen */
static void
test_tab_keeps_page (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *pages = find_where (GTK_WIDGET (f->window), is_pages_list, NULL);
  GtkListBoxRow *companies = gtk_list_box_get_row_at_index (GTK_LIST_BOX (pages), 3);
  gpointer in_sidebar[] = { f->window, pages };

  g_assert_nonnull (pages);
  click_when_still (GTK_WIDGET (companies));
  wait_until (is_mapped, list_page (f->window, KITH_RECORD_COMPANY));
  wait_until (focus_in, in_sidebar);

  for (guint i = 0; i < 3; i++)
    {
      press_keys ("Tab");
      wait_for_frames (GTK_WIDGET (f->window));
      g_assert_cmpstr (page_shown (f), ==, "companies");
      g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (pages)) == companies);
    }
  g_assert_true (focus_left (in_sidebar));

  /* And back: Shift+Tab lands in the sidebar, on the page chosen */
  for (guint i = 0; i < 3 && focus_left (in_sidebar); i++)
    {
      press_keys ("shift+Tab");
      wait_for_frames (GTK_WIDGET (f->window));
    }
  g_assert_cmpstr (page_shown (f), ==, "companies");
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (pages)) == companies);

  /* The arrows still go from page to page, the keyboard with them */
  wait_until (focus_in, in_sidebar);
  press_keys ("Down");
  wait_until (is_mapped, list_page (f->window, KITH_RECORD_PROJECT));
  g_assert_cmpstr (page_shown (f), ==, "projects");
  wait_until (focus_in, in_sidebar);
  press_keys ("Up");
  wait_until (is_mapped, list_page (f->window, KITH_RECORD_COMPANY));
  g_assert_cmpstr (page_shown (f), ==, "companies");
}

/* The profile's scrolling: the one its fields are in */
static GtkAdjustment *
profile_scroll (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (profile_field (f, "Name"), GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (data) > 200;
}

/* A profile scrolled down, then another: the other shows its top */
static void
test_profile_opens_at_top (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"name\": \"Ada Lovelace\", \"emails\": [");
  GtkAdjustment *adjustment;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, "%s\"ada%u@example.com\"", i > 0 ? ", " : "", i);
  g_string_append (json, "]}");
  seed_record (f->t, KITH_RECORD_PERSON, json->str);
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Charles Babbage\", \"emails\": [\"cb@example.com\"]}");

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_for_frames (GTK_WIDGET (f->window));
  adjustment = profile_scroll (f);
  pointer_to (GTK_WIDGET (profile_page (f->window)), -1, -1);
  for (guint i = 0; i < 100 && !scrolled_down (adjustment); i++)
    {
      xdotool ("click", "5", NULL);
      wait_for_frames (GTK_WIDGET (f->window));
    }
  g_assert_true (scrolled_down (adjustment));

  click_row (list_page (f->window, KITH_RECORD_PERSON), "Charles Babbage");
  {
    gpointer shows[] = { profile_page (f->window), (gpointer) "Charles Babbage" };

    wait_until (profile_shows, shows);
  }
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (profile_scroll (f)), ==, 0);
}

static gboolean
is_row_subtitled (GtkWidget     *widget,
                  gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", text);
}

static gboolean
profile_has_row_subtitled (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_row_subtitled, args[1]) != NULL;
}

/* A note of 5 March 2025 says "5 Mar 2025", with no space before the day; one of a minute ago
 * says "Today" and its time */
static void
test_dates_unpadded (Fixture       *f,
                     gconstpointer  data)
{
  gpointer shows[] = { NULL, (gpointer) "5 Mar 2025" };
  gpointer shows_today[] = { NULL, (gpointer) "Today, " };
  g_autofree char *recent = g_strdup_printf ("{\"style\": \"note\", \"subject\": \"Called back\", "
                                             "\"date\": %" G_GINT64_FORMAT ", \"references\": [\"ada@example.com\"]}",
                                             g_get_real_time () / 1000 - 60 * 1000);

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_add (f->t, "item", "{\"style\": \"note\", \"subject\": \"Met at the fair\", "
                          "\"date\": \"2025-03-05T12:00:00Z\", \"references\": [\"ada@example.com\"]}");
  seed_add (f->t, "item", recent);
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  shows[0] = shows_today[0] = profile_page (f->window);
  wait_until (profile_has_row_subtitled, shows);
  wait_until (profile_has_row_subtitled, shows_today);
}

static const char *
agenda_subtitle (Fixture    *f,
                 const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (action_row_titled (agenda_page (f->window), title)));
}

/* An anniversary in its first year says no "0 years"; in its second, "1 year" */
static void
test_no_zero_years (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_year = g_date_time_add_years (now, -1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *year_ago = g_date_time_format (last_year, "%Y-%m-%d");
  g_autofree char *new_json = g_strdup_printf ("{\"name\": \"Ada Lovelace\", \"anniversaries\": "
                                               "[{\"label\": \"Moved in\", \"date\": \"%s\"}]}", today);
  g_autofree char *old_json = g_strdup_printf ("{\"name\": \"Bob Buyer\", \"anniversaries\": "
                                               "[{\"label\": \"Moved in\", \"date\": \"%s\"}]}", year_ago);

  seed_record (f->t, KITH_RECORD_PERSON, new_json);
  seed_record (f->t, KITH_RECORD_PERSON, old_json);
  go_to_page (f->window, "agenda");

  g_assert_true (g_str_has_prefix (agenda_subtitle (f, "Ada Lovelace"), "Moved in · "));
  g_assert_null (strstr (agenda_subtitle (f, "Ada Lovelace"), "year"));
  g_assert_true (g_str_has_prefix (agenda_subtitle (f, "Bob Buyer"), "Moved in · 1 year · "));
}

static gboolean
is_close_shown (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_WINDOW_CONTROLS (widget) && gtk_widget_get_mapped (widget) &&
         gtk_window_controls_get_side (GTK_WINDOW_CONTROLS (widget)) == GTK_PACK_END &&
         !gtk_window_controls_get_empty (GTK_WINDOW_CONTROLS (widget)) &&
         gtk_widget_get_width (widget) > 0;
}

static gboolean
close_shown (gpointer window)
{
  return find_where (window, is_close_shown, NULL) != NULL;
}

static gboolean
is_folded (gpointer data)
{
  GtkWidget *leaflet = find_widget (data, ADW_TYPE_LEAFLET, NULL);

  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

/* In a narrow window each page shows alone, and each keeps the window's close button */
static void
test_narrow_window_controls (Fixture       *f,
                             gconstpointer  data)
{
  static const char *pages[] = { "agenda", "inbox", "people", "companies", "projects" };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  gtk_window_unmaximize (GTK_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 380, 600);
  wait_until (is_folded, f->window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      go_to_page (f->window, pages[i]);
      wait_for_frames (GTK_WIDGET (f->window));
      if (!close_shown (f->window))
        g_error ("The %s page has no close button in a narrow window", pages[i]);
    }

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (is_mapped, profile_page (f->window));
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (close_shown (f->window));
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_entry_hinting (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0;
}

/* A label with a parenthesis in it: help that belongs in the field */
static gboolean
is_label_with_help (GtkWidget     *widget,
                    gconstpointer  unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strchr (gtk_label_get_text (GTK_LABEL (widget)), '(') != NULL;
}

/* Ctrl+N on the list @page: its New form labels each field by what it is, and says the help
 * (@hint) inside the field */
static void
assert_form_words (Fixture    *f,
                   const char *page,
                   const char *label,
                   const char *hint)
{
  GtkWidget *form;

  go_to_page (f->window, page);
  press_keys ("ctrl+n");
  form = wait_for_window (KITH_TYPE_NEW_RECORD_DIALOG);
  g_assert_nonnull (find_where (form, is_label, label));
  g_assert_nonnull (find_where (form, is_entry_hinting, hint));
  g_assert_null (find_where (form, is_label_with_help, NULL));
  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_NEW_RECORD_DIALOG);
}

static void
test_new_form_words (Fixture       *f,
                     gconstpointer  data)
{
  assert_form_words (f, "people", "Company", "Optional");
  assert_form_words (f, "companies", "Domain", "acme.com");
  assert_form_words (f, "projects", "With", "Their email address, optional");
}

/* A property's people: its words are the real estate preset's, and an email nobody has is
 * refused under the row, whose title stays */
static void
test_property_people_words (Fixture       *f,
                            gconstpointer  data)
{
  const char *refusal = "The participant “nobody@nowhere.example” is not a known person or company";
  gpointer says_whom[] = { NULL, (gpointer) "Its buyers and sellers, and its team" };
  gpointer says_team[] = { NULL, (gpointer) "Property Team" };
  gpointer says_refusal[] = { NULL, (gpointer) refusal };
  GtkWidget *add;

  apply_preset (f->t->store, "realestate");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Agent\", \"emails\": [\"bob@realty.example\"]}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"4 Quay Street\", \"dealTeam\": [\"bob@realty.example\"]}");
  open_from_list (f->window, KITH_RECORD_PROJECT, "4 Quay Street");
  says_whom[0] = says_team[0] = says_refusal[0] = profile_page (f->window);
  wait_until (any_label_shown, says_whom);
  wait_until (any_label_shown, says_team);

  add = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ENTRY_ROW, "Add Participant by Email");
  g_assert_nonnull (add);
  scroll_into_view (add);
  click (add);
  type_text ("nobody@nowhere.example");
  press_keys ("Return");
  wait_until (any_label_shown, says_refusal);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add)), ==, "Add Participant by Email");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/shortcuts/new-from-profile-field", Fixture, NULL, window_fixture_set_up, test_new_from_profile_field, window_fixture_tear_down);
  g_test_add ("/shortcuts/search-from-agenda", Fixture, NULL, window_fixture_set_up, test_search_from_agenda, window_fixture_tear_down);
  g_test_add ("/shortcuts/todo-from-list", Fixture, NULL, window_fixture_set_up, test_todo_from_list, window_fixture_tear_down);
  g_test_add ("/shortcuts/tab-keeps-page", Fixture, NULL, window_fixture_set_up, test_tab_keeps_page, window_fixture_tear_down);
  g_test_add ("/window/profile-opens-at-top", Fixture, NULL, window_fixture_set_up, test_profile_opens_at_top, window_fixture_tear_down);
  g_test_add ("/window/narrow-window-controls", Fixture, NULL, window_fixture_set_up, test_narrow_window_controls, window_fixture_tear_down);
  g_test_add ("/wording/new-form", Fixture, NULL, window_fixture_set_up, test_new_form_words, window_fixture_tear_down);
  g_test_add ("/wording/property-people", Fixture, NULL, window_fixture_set_up, test_property_people_words, window_fixture_tear_down);
  g_test_add ("/window/no-zero-years", Fixture, NULL, window_fixture_set_up, test_no_zero_years, window_fixture_tear_down);
  g_test_add ("/window/dates-unpadded", Fixture, NULL, window_fixture_set_up, test_dates_unpadded, window_fixture_tear_down);

  return g_test_run ();
}
