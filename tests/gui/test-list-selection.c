/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Several records chosen in the People list, driven with the mouse and the keyboard through the
 * X server (xdotool): Ctrl+click, Shift+click, a click in selection mode, the Select button,
 * Ctrl+A, Space and Escape; the header says how many are chosen; what is chosen stays with its
 * records when the list changes under it; a plain click still opens a profile; the records chosen
 * deleted with the Delete key and brought back with Undo; a tag added to them, and taken back. A real window
 * on a real store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-list-page.h"
#include "kith-record-item.h"
#include "kith-tags.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

static const char *names[] = { "Ann Able", "Bob Brown", "Cid Clark", "Dee Dunn", "Eve Evans" };

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  KithListPage  *people;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.kithcrm.Kith");

    g_settings_reset (settings, "sort");
    g_settings_reset (settings, "group");
  }
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, "business");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", names[i]);

      seed_record (f->t, KITH_RECORD_PERSON, json);
    }
  /* More people before the window opens, if the test asks */
  for (guint i = 0; i < GPOINTER_TO_UINT (data); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Zed %03u\"}", i);

      seed_record (f->t, KITH_RECORD_PERSON, json);
    }
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  f->people = list_page (f->window, KITH_RECORD_PERSON);
  go_to_page (f->window, "people");
  wait_for_count (f->people, G_N_ELEMENTS (names) + GPOINTER_TO_UINT (data));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

typedef struct {
  KithListPage *page;
  const char   *title;
} Title;

/* For wait_until (): the page's header reads args->title ("2 Selected") */
static gboolean
title_reads (gpointer data)
{
  Title *title = data;

  return any_label_shown ((gpointer[]) { title->page, (gpointer) title->title });
}

static void
wait_for_title (KithListPage *page,
                const char   *text)
{
  Title title = { page, text };

  wait_until (title_reads, &title);
}

/* Whether the list shows the row of @name as selected */
static gboolean
row_selected (KithListPage *page,
              const char   *name)
{
  GListModel *rows = list_rows (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (rows, i);

      if (g_strcmp0 (kith_record_item_get_name (item), name) == 0)
        return gtk_selection_model_is_selected (GTK_SELECTION_MODEL (rows), i);
    }
  g_assert_not_reached ();
}

static gboolean
items_loaded (gpointer data)
{
  GListModel *model = data;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (model, i);

      if (!kith_record_item_get_loaded (item))
        return FALSE;
    }
  return TRUE;
}

/* Which of the five rows show as selected, as a string of 0s and 1s */
static char *
selected_rows (KithListPage *page)
{
  GString *out = g_string_new (NULL);

  wait_until (items_loaded, list_rows (page));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_c (out, row_selected (page, names[i]) ? '1' : '0');
  return g_string_free (out, FALSE);
}

static gboolean
in_selection_mode (gpointer page)
{
  gboolean on;

  g_object_get (page, "selection-mode", &on, NULL);
  return on;
}

static gboolean
not_in_selection_mode (gpointer page)
{
  return !in_selection_mode (page);
}

/* Ctrl+click and Shift+click choose records without opening them; a click in selection mode
 * chooses or leaves out; a record added above them moves the rows, and the same records stay
 * chosen; Escape leaves selection mode, and a click opens a record again */
static void
test_clicks (Fixture       *f,
             gconstpointer  data)
{
  gpointer bob[] = { profile_page (f->window), (gpointer) "Bob Brown" };
  g_autofree char *chosen = NULL;

  click_row_with (f->people, "Bob Brown", "ctrl");
  wait_for_title (f->people, "1 Selected");
  g_assert_true (in_selection_mode (f->people));
  click_row_with (f->people, "Dee Dunn", "shift");
  wait_for_title (f->people, "3 Selected");
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "01110");
  /* Nothing was opened */
  g_assert_false (profile_shows (bob));

  /* In selection mode a click chooses, and a second one leaves out */
  click_row (f->people, "Ann Able");
  wait_for_title (f->people, "4 Selected");
  click_row (f->people, "Cid Clark");
  wait_for_title (f->people, "3 Selected");
  g_clear_pointer (&chosen, g_free);
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "11010");
  g_assert_false (profile_shows (bob));
  g_assert_false (profile_shows ((gpointer[]) { profile_page (f->window), (gpointer) "Ann Able" }));

  /* A record listed first moves every row down by one: the same records stay chosen */
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Aaron Aardvark\"}");
  wait_for_count (f->people, G_N_ELEMENTS (names) + 1);
  g_clear_pointer (&chosen, g_free);
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "11010");
  g_assert_false (row_selected (f->people, "Aaron Aardvark"));
  wait_for_title (f->people, "3 Selected");

  press_keys ("Escape");
  wait_until (not_in_selection_mode, f->people);
  g_assert_true (is_mapped (search_entry (f->people)));
  g_clear_pointer (&chosen, g_free);
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "00000");

  /* A plain click opens the record, as before */
  click_row (f->people, "Bob Brown");
  wait_until (profile_shows, bob);
  g_clear_pointer (&chosen, g_free);
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "01000");
}

/* The Select button starts selection mode with none chosen, without the list growing wider,
 * and Send Mail Merge… waits for one; Ctrl+A chooses every record listed; Escape leaves; Space
 * on a row starts it again */
static void
test_button_and_keys (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *select = shown_with_tooltip (f->people, "Select");
  GtkWidget *merge;
  g_autofree char *chosen = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (f->people));
  gpointer merge_label[] = { f->people, (gpointer) "Send Mail Merge…" };

  g_assert_nonnull (select);
  g_assert_null (shown_button (f->people, "Send Mail Merge…"));
  click_when_still (select);
  wait_for_title (f->people, "None Selected");
  wait_until (any_label_shown, merge_label);
  merge = shown_button (f->people, "Send Mail Merge…");
  wait_for_frames (GTK_WIDGET (f->people));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->people)), ==, width);
  g_assert_nonnull (merge);
  g_assert_false (gtk_widget_is_sensitive (merge));

  click_row (f->people, "Cid Clark");
  wait_for_title (f->people, "1 Selected");
  g_assert_true (gtk_widget_is_sensitive (merge));

  /* The focus is on the row clicked */
  press_keys ("ctrl+a");
  wait_for_title (f->people, "5 Selected");
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "11111");

  press_keys ("Escape");
  wait_until (not_in_selection_mode, f->people);
  /* Nor is the search entry given what was typed */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (f->people))), ==, "");

  /* Down moves the focus to the next row, Space chooses it */
  press_keys ("Down");
  press_keys ("space");
  wait_for_title (f->people, "1 Selected");
  g_clear_pointer (&chosen, g_free);
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "00010");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (f->people))), ==, "");

  /* Ctrl+A outside selection mode, the focus in the list, chooses every record too */
  press_keys ("Escape");
  wait_until (not_in_selection_mode, f->people);
  press_keys ("ctrl+a");
  wait_for_title (f->people, "5 Selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (f->people))), ==, "");

  /* The button leaves selection mode too */
  click_when_still (select);
  wait_until (not_in_selection_mode, f->people);
}

/* With the focus on a row of @page: End shows the row of @last_name and not @first_name's,
 * Home @first_name's again */
static void
end_and_home (KithListPage *page,
              const char   *first_name,
              const char   *last_name)
{
  gpointer last[] = { page, (gpointer) last_name };
  gpointer first[] = { page, (gpointer) first_name };

  press_keys ("End");
  wait_until (row_in_view, last);
  g_assert_false (row_in_view (first));
  press_keys ("Home");
  wait_until (row_in_view, first);
}

/* Scrolled far enough that the rows made for the first records are used for others, and back:
 * the record chosen is still chosen, and no other */
static void
test_scrolled (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *chosen = NULL;

  /* More than the 200 rows GTK 4.8's list view makes */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Zed %03u\"}", i);

      seed_record (f->t, KITH_RECORD_PERSON, json);
    }
  wait_for_count (f->people, G_N_ELEMENTS (names) + 400);

  click_row_with (f->people, "Bob Brown", "ctrl");
  wait_for_title (f->people, "1 Selected");
  /* The focus is on the row clicked: End goes to the last row, Home back to the first */
  click_row_with (f->people, "Cid Clark", "ctrl");
  wait_for_title (f->people, "2 Selected");
  end_and_home (f->people, "Ann Able", "Zed 399");
  wait_for_title (f->people, "2 Selected");
  chosen = selected_rows (f->people);
  g_assert_cmpstr (chosen, ==, "01100");
}

/* A long list in a window just opened draws its first rows before GTK makes the others
 * (kith_list_page_map ()): every record is there once they show, and the keys reach the last */
static void
test_opened_long (Fixture       *f,
                  gconstpointer  data)
{
  wait_for_count (f->people, G_N_ELEMENTS (names) + 300);
  click_row (f->people, "Bob Brown");
  end_and_home (f->people, "Ann Able", "Zed 299");
}

/* A Ctrl+click on a row as a search's answer comes, before the list is drawn again, chooses the
 * row (issue 13: the first Ctrl+click after typing a search was lost, the list rebuilding every
 * row); the search is kept, and a later search's first Ctrl+click is taken too */
static void
test_after_search (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *bob = find_widget (GTK_WIDGET (f->people), GTK_TYPE_LABEL, "Bob Brown");

  /* All but Eve Evans, the last: the rows above stay where they are */
  search_for (f->people, "ann OR bob OR cid OR dee");
  pointer_to (bob, -1, -1);
  /* Not click_row_with (): the click reaches the list as soon as it has the answer */
  wait_for_count (f->people, G_N_ELEMENTS (names) - 1);
  xdotool ("keydown", "ctrl", "click", "1", "keyup", "ctrl", NULL);
  wait_for_title (f->people, "1 Selected");
  g_assert_true (row_selected (f->people, "Bob Brown"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (f->people))), ==, "ann OR bob OR cid OR dee");

  /* Another search after selection mode: its first Ctrl+click is taken too */
  press_keys ("Escape");
  wait_until (not_in_selection_mode, f->people);
  search_for (f->people, "ann OR bob");
  wait_for_count (f->people, 2);
  click_row_with (f->people, "Ann Able", "ctrl");
  wait_for_title (f->people, "1 Selected");
  click_row_with (f->people, "Bob Brown", "ctrl");
  wait_for_title (f->people, "2 Selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (f->people))), ==, "ann OR bob");
}

static gpointer
dump_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_test_dump (data);
}

/* Delete deletes the records chosen, all at once; the toast says how many, and its Undo brings
 * them all back */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  gpointer deleted[] = { f->window, (gpointer) "2 people deleted" };
  g_autofree char *before = on_worker (f->t->store, dump_job, f->t);
  g_autofree char *after = NULL;

  click_row_with (f->people, "Bob Brown", "ctrl");
  wait_for_title (f->people, "1 Selected");
  click_row_with (f->people, "Dee Dunn", "ctrl");
  wait_for_title (f->people, "2 Selected");
  g_assert_nonnull (shown_with_tooltip (f->people, "Delete Selected (Delete)"));

  press_keys ("Delete");
  wait_for_count (f->people, G_N_ELEMENTS (names) - 2);
  wait_until (label_shown, deleted);
  g_assert_true (not_in_selection_mode (f->people));
  g_assert_null (find_widget (GTK_WIDGET (f->people), GTK_TYPE_LABEL, "Bob Brown"));
  g_assert_null (find_widget (GTK_WIDGET (f->people), GTK_TYPE_LABEL, "Dee Dunn"));

  click_undo (f->window);
  wait_for_count (f->people, G_N_ELEMENTS (names));
  after = on_worker (f->t->store, dump_job, f->t);
  g_assert_cmpstr (after, ==, before);
}

/* Gives the person named @data the tag "vip", as an edit would */
static gpointer
set_tag_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  g_autoptr(GArray) found = kith_store_find (store, KITH_RECORD_PERSON, data, KITH_SORT_NAME, KITH_GROUP_NONE,
                                             0, 1, NULL, error);
  g_autoptr(GArray) changed = NULL;

  g_assert_cmpuint (found->len, ==, 1);
  changed = kith_tags_apply (store, (gint64 *) (gpointer) found->data, 1, "vip", TRUE, error);
  g_assert_nonnull (changed);
  return GINT_TO_POINTER (1);
}

/* For wait_until (): the entry args[0] reads args[1] */
static gboolean
entry_reads (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_editable_get_text (args[0]), args[1]) == 0;
}

/* For wait_until (): the focus is in a text entry of @data */
static gboolean
has_focus_entry (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_ENTRY (focus));
}

static gpointer
count_tagged_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PERSON, data, KITH_SORT_NAME, KITH_GROUP_NONE,
                                           0, G_MAXUINT, NULL, error);

  return GUINT_TO_POINTER (ids->len + 1);
}

/* How many people the store finds for @query */
static guint
count_found (Fixture    *f,
             const char *query)
{
  return GPOINTER_TO_UINT (on_worker (f->t->store, count_tagged_job, (gpointer) query)) - 1;
}

typedef struct {
  Fixture    *f;
  const char *query;
  guint       n;
} Found;

static gboolean
found_n (gpointer data)
{
  Found *found = data;

  return count_found (found->f, found->query) == found->n;
}

/* Add Tag…: the tag typed goes on every record chosen, which stay chosen; the
 * toast's Undo takes it away again from those it was added to, not from one that had it */
static void
test_tag_undo (Fixture       *f,
               gconstpointer  data)
{
  gpointer tagged[] = { f->window, (gpointer) "2 people tagged “vip”" };
  Found one = { f, "tag:vip", 1 };
  GtkWidget *button, *add, *popover;
  gpointer blank[] = { NULL, (gpointer) " " };
  gpointer add_tag[] = { f->people, (gpointer) "Add Tag…" };

  /* Eve has the tag already */
  on_worker (f->t->store, set_tag_job, (gpointer) "Eve Evans");
  g_assert_cmpuint (count_found (f, "tag:vip"), ==, 1);

  click_row_with (f->people, "Bob Brown", "ctrl");
  wait_for_title (f->people, "1 Selected");
  click_row_with (f->people, "Eve Evans", "ctrl");
  wait_for_title (f->people, "2 Selected");
  wait_until (any_label_shown, add_tag);
  button = shown_button (f->people, "Add Tag…");
  g_assert_nonnull (button);
  click_when_still (button);
  wait_until (has_focus_entry, f->window);
  /* Add waits for a name; Return on a blank one does nothing */
  popover = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_TYPE_POPOVER);
  add = gtk_widget_get_parent (find_widget (popover, GTK_TYPE_LABEL, "Add"));
  blank[0] = find_widget (popover, GTK_TYPE_ENTRY, NULL);
  g_assert_false (gtk_widget_is_sensitive (add));
  type_text (" ");
  wait_until (entry_reads, blank);
  press_keys ("Return");
  wait_for_frames (popover);
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (gtk_widget_get_mapped (popover));
  press_keys ("BackSpace");
  type_text ("vip");
  wait_until (is_sensitive, add);
  press_keys ("Return");
  wait_until (label_shown, tagged);
  g_assert_cmpuint (count_found (f, "tag:vip"), ==, 2);
  g_assert_true (in_selection_mode (f->people));
  wait_for_title (f->people, "2 Selected");

  click_undo (f->window);
  wait_until (found_n, &one);
  g_assert_cmpuint (count_found (f, "tag:vip bob"), ==, 0);
  g_assert_cmpuint (count_found (f, "tag:vip eve"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/list-selection/clicks", Fixture, NULL, fixture_set_up, test_clicks, fixture_tear_down);
  g_test_add ("/list-selection/after-search", Fixture, NULL, fixture_set_up, test_after_search,
              fixture_tear_down);
  g_test_add ("/list-selection/scrolled", Fixture, NULL, fixture_set_up, test_scrolled, fixture_tear_down);
  g_test_add ("/list-selection/opened-long", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_opened_long,
              fixture_tear_down);
  g_test_add ("/list-selection/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/list-selection/tag-undo", Fixture, NULL, fixture_set_up, test_tag_undo, fixture_tear_down);
  g_test_add ("/list-selection/button-and-keys", Fixture, NULL, fixture_set_up, test_button_and_keys,
              fixture_tear_down);

  return g_test_run ();
}
