/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Widget tests: the real window on a real store in a temporary data dir, under Xvfb. Each test
 * drives the widgets (actions, entries, drop handlers) and waits for what a user would see.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "kith-agenda-page.h"
#include "kith-files-group.h"
#include "kith-list-page.h"
#include "kith-preferences-window.h"
#include "kith-profile-page.h"
#include "kith-record-item.h"
#include "kith-record-list-model.h"
#include "kith-relationship-editor.h"
#include "kith-timeline-view.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, "realestate");
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
}

/* As a GtkBuilder file or a subclass would make the window: from its properties alone */
static void
fixture_set_up_from_properties (Fixture       *f,
                                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->window = g_object_new (KITH_TYPE_WINDOW, "store", f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

static gboolean
item_loaded (gpointer data)
{
  return kith_record_item_get_loaded (data);
}

static void
test_navigate_pages (Fixture       *f,
                     gconstpointer  data)
{
  static const char *pages[] = { "people", "companies", "projects", "inbox", "agenda" };

  wait_until (is_mapped, agenda_page (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    go_to_page (f->window, pages[i]);
}

static void
test_create_and_find (Fixture       *f,
                      gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer ada[] = { people, (gpointer) "Ada Lovelace" };
  gpointer charles[] = { people, (gpointer) "Charles Babbage" };

  go_to_page (f->window, "people");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"keywords\": [\"vip\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Charles Babbage\", \"emails\": [\"charles@acme.com\"]}");

  /* The list follows the store */
  wait_for_count (people, 2);

  /* Typing into the search entry searches */
  search_for (people, "tag:vip");
  wait_for_count (people, 1);
  wait_until (row_in_view, ada);

  search_for (people, "babb");
  wait_until (row_in_view, charles);
  wait_for_count (people, 1);
}

static gboolean
has_error (gpointer data)
{
  return search_problem (data) != NULL;
}

static void
test_bad_query_explained (Fixture       *f,
                          gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);

  go_to_page (f->window, "people");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  wait_for_count (people, 1);

  search_for (people, "stage:active colour:red");
  wait_until (has_error, people);
  g_assert_nonnull (strstr (search_problem (people), "colour"));
  g_assert_nonnull (strstr (search_problem (people), "position 14"));
  /* The text stays as typed, the last results stay shown */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (people))), ==, "stage:active colour:red");
  g_assert_cmpuint (rows_shown (people), ==, 1);
}

/* Real input: xdotool has the X server deliver @keys (xdotool key names; to the window under
 * the pointer) and then a click, as from a user's keyboard and mouse, all in one go */
static void
press_keys_then_click (const char * const *keys,
                       GtkWidget          *widget)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *window_id = NULL;
  g_autoptr(GError) error = NULL;
  Settling settling = { widget, 0, 0, 0 };
  double wx, wy, sx, sy;
  int status;

  g_assert_nonnull (xdotool);
  g_assert_true (GDK_IS_X11_SURFACE (surface));

  /* Where it is drawn, once it stays there */
  wait_until (has_settled, &settling);
  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0, &wx, &wy));
  gtk_native_get_surface_transform (native, &sx, &sy);
  x = g_strdup_printf ("%d", (int) (wx + sx));
  y = g_strdup_printf ("%d", (int) (wy + sy));
  window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) argv = NULL;

    g_strv_builder_add (builder, xdotool);
    if (keys != NULL)
      {
        g_strv_builder_add (builder, "key");
        g_strv_builder_addv (builder, (const char **) keys);
      }
    g_strv_builder_add_many (builder, "mousemove", "--window", window_id, x, y, "click", "1", NULL);
    argv = g_strv_builder_end (builder);
    g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

/* The first mapped descendant of @root (itself included) that @match accepts */
static GtkWidget *
find_descendant (GtkWidget  *root,
                 gboolean  (*match) (GtkWidget *widget, const char *text),
                 const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A widget on any window on screen (menus, dialogs and toasts included) */
static GtkWidget *
find_on_screen (gboolean  (*match) (GtkWidget *widget, const char *text),
                const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_descendant (window, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  return find_on_screen (is_button_labelled, "_Undo") != NULL;
}

static gpointer
record_exists_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  return GINT_TO_POINTER (kith_store_get_record_kind (store, *(gint64 *) data) != KITH_RECORD_KIND_INVALID);
}

static gboolean
record_exists (gpointer data)
{
  gpointer *args = data;

  return GPOINTER_TO_INT (on_worker (args[0], record_exists_job, args[1]));
}

typedef struct {
  gint64      id;
  const char *uri;
  const char *name;
} NewFile;

static gpointer
add_file_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  NewFile *file = data;

  g_assert_cmpint (kith_store_add_file (store, file->id, file->uri, file->name, 4, "application/pdf", FALSE, error), >, 0);
  return NULL;
}

static gpointer
list_files_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  return kith_store_list_files (store, *(gint64 *) data, error);
}

static gboolean
record_gone (gpointer data)
{
  return !record_exists (data);
}

/* Delete from the profile's menu, Undo on the toast: the person is back as they were, with the
 * same id, their files, their place on a shared to-do and on the timeline */
static gboolean
title_is_empty (gpointer data)
{
  return g_strcmp0 (adw_window_title_get_title (data), "") == 0;
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Temporary Person\", \"emails\": [\"temp@acme.com\"],"
                           " \"phones\": [\"+1 212 555 0100\"], \"keywords\": [\"vip\"]}");
  gint64 other = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Other Person\", \"emails\": [\"other@acme.com\"]}");
  gpointer shows[] = { profile, (gpointer) "Temporary Person" };
  gpointer args[] = { f->t->store, &id };
  g_autofree char *before = NULL;
  g_autofree char *other_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other_after = NULL;

  seed_add (f->t, "todo", "{\"subject\": \"Visit the flat\", \"participants\": [\"temp@acme.com\", \"other@acme.com\"]}");
  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"temp@acme.com\", \"subject\": \"Offer\"}");
  on_worker (f->t->store, add_file_job, &(NewFile) { id, "file:///tmp/offer.pdf", "offer.pdf" });
  before = dump_record (f->t, id);
  other_before = dump_record (f->t, other);

  open_from_list (f->window, KITH_RECORD_PERSON, "Temporary Person");

  choose (open_menu (profile, "Delete"), "Delete");
  wait_until (record_gone, args);
  wait_until (undo_shown, NULL);
  /* Nobody is shown, and the header names nobody either */
  wait_until (title_is_empty, find_widget (GTK_WIDGET (profile), ADW_TYPE_WINDOW_TITLE, NULL));

  click_when_still (find_on_screen (is_button_labelled, "_Undo"));
  wait_until (record_exists, args);
  /* Shown again */
  wait_until (profile_shows, shows);

  after = dump_record (f->t, id);
  other_after = dump_record (f->t, other);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (other_after, ==, other_before);
  g_assert_cmpint (lookup (f->t->store, "temp@acme.com"), ==, id);
}

static gboolean
merged_away (gpointer data)
{
  gpointer *args = data;

  return !record_exists (args) && lookup (args[0], "ada@home.example") == *(gint64 *) args[2];
}

static gboolean
dialog_shown (gpointer data)
{
  return find_on_screen (is_button_labelled, "_Keep This One") != NULL;
}

static gboolean
taller_than_view (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_page_size (adjustment) > 0 &&
         gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (data)) > 0;
}

static gboolean
scrolled_to_top (gpointer data)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (data)) == 0;
}

/* The first scrolled window under @root that is on screen */
static GtkWidget *
mapped_scrolled_window (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mapped_scrolled_window (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Another record opens at its top, not where the last one was scrolled to */
static void
test_profile_opens_at_top (Fixture       *f,
                           gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  GtkWidget *scrolled;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"First Person\", \"emails\": [\"first@acme.com\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Second Person\", \"emails\": [\"second@acme.com\"]}");

  open_from_list (f->window, KITH_RECORD_PERSON, "First Person");
  scrolled = mapped_scrolled_window (GTK_WIDGET (profile));
  g_assert_nonnull (scrolled);
  wait_until (taller_than_view, scrolled);
  pointer_to (scrolled, -1, -1);
  /* One step of the wheel: nothing more is on its way when the other record opens */
  xdotool ("click", "5", NULL);
  wait_until (scrolled_down, scrolled);

  open_from_list (f->window, KITH_RECORD_PERSON, "Second Person");
  wait_until (scrolled_to_top, scrolled);
}

/* Merge offers only the record with the same name, not the one with the same last name; Undo
 * on the toast brings both back as they were */
static void
test_merge_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  gint64 twin = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"ADA LOVELACE\", \"emails\": [\"ada@home.example\"],"
                             " \"headline\": \"Countess\"}");
  gint64 byron = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Byron Lovelace\", \"emails\": [\"byron@acme.com\"]}");
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer merged[] = { f->t->store, &twin, &ada };
  gpointer back[] = { f->t->store, &twin };
  g_autofree char *ada_before = NULL, *twin_before = NULL, *byron_before = NULL;
  g_autofree char *ada_after = NULL, *twin_after = NULL, *byron_after = NULL;
  GtkWidget *dialog;
  GtkDropDown *choices;

  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"ada@home.example\", \"subject\": \"From home\"}");
  seed_add (f->t, "todo", "{\"subject\": \"Call Ada\", \"participants\": [\"ada@home.example\", \"byron@acme.com\"]}");
  ada_before = dump_record (f->t, ada);
  twin_before = dump_record (f->t, twin);
  byron_before = dump_record (f->t, byron);

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");

  choose (open_menu (profile, "Merge With…"), "Merge With…");
  wait_until (dialog_shown, NULL);
  dialog = GTK_WIDGET (gtk_widget_get_root (find_on_screen (is_button_labelled, "_Keep This One")));
  choices = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choices)), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (choices)), 0), ==,
                   "ADA LOVELACE — Countess");

  click_when_still (find_on_screen (is_button_labelled, "_Keep This One"));
  wait_until (merged_away, merged);
  wait_until (undo_shown, NULL);

  click_when_still (find_on_screen (is_button_labelled, "_Undo"));
  wait_until (record_exists, back);
  wait_until (profile_shows, shows);

  ada_after = dump_record (f->t, ada);
  twin_after = dump_record (f->t, twin);
  byron_after = dump_record (f->t, byron);
  g_assert_cmpstr (ada_after, ==, ada_before);
  g_assert_cmpstr (twin_after, ==, twin_before);
  g_assert_cmpstr (byron_after, ==, byron_before);
}


static gboolean is_tooltip_button (GtkWidget *widget, const char *tooltip);

/* Files attached with Attach Files… are copied and listed; a file's row removes it */
static void
test_attach_files (Fixture       *f,
                   gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithFilesGroup *files;
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Seller\"}");
  g_autofree char *folder = g_build_filename (f->t->dir, "attached", NULL);
  g_autofree char *a = g_build_filename (folder, "listing.pdf", NULL);
  g_autofree char *b = g_build_filename (folder, "photo.jpg", NULL);
  gpointer one[] = { NULL, GUINT_TO_POINTER (1) };
  gpointer two[] = { NULL, GUINT_TO_POINTER (2) };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (a, "%PDF", -1, NULL));
  g_assert_true (g_file_set_contents (b, "JPEG", -1, NULL));

  open_from_list (f->window, KITH_RECORD_PERSON, "Seller");
  /* The profile's content is built when it first shows a record */
  files = (gpointer) find_widget (GTK_WIDGET (profile), KITH_TYPE_FILES_GROUP, NULL);
  one[0] = two[0] = files;

  attach_file (GTK_WIDGET (files), a);
  wait_until (files_listed, one);
  attach_file (GTK_WIDGET (files), b);
  wait_until (files_listed, two);

  {
    g_autoptr(GListModel) stored = on_worker (f->t->store, list_files_job, &id);
    g_autoptr(KithFile) newest = g_list_model_get_item (stored, 0);

    g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 2);
    g_assert_true (kith_file_get_copied (newest));
  }

  /* A file's row removes it with its button */
  wait_for_frames (GTK_WIDGET (f->window));
  {
    GtkWidget *row = find_widget (GTK_WIDGET (files), ADW_TYPE_ACTION_ROW, "photo.jpg");
    GtkWidget *remove = row != NULL ? find_descendant (row, is_tooltip_button, "Remove File") : NULL;
    g_autoptr(GListModel) stored = NULL;
    g_autoptr(KithFile) kept = NULL;

    g_assert_nonnull (remove);
    scroll_into_view (remove);
    click (remove);
    wait_until (files_listed, one);
    stored = on_worker (f->t->store, list_files_job, &id);
    g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
    kept = g_list_model_get_item (stored, 0);
    g_assert_cmpstr (kith_file_get_name (kept), ==, "listing.pdf");
  }
}

/* 100,000 people in one transaction; returns their ids by name */
static gpointer
add_100k_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  g_assert_true (kith_store_begin (store, error));
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(JsonObject) person = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Person %06u", i);

      json_object_set_string_member (person, "name", name);
      g_assert_cmpint (kith_store_create_record (store, KITH_RECORD_PERSON, person, NULL, error), >, 0);
    }
  g_assert_true (kith_store_commit (store, error));

  return kith_store_find (store, KITH_RECORD_PERSON, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, error);
}

static void
test_list_model_pages (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(KithRecordListModel) model = NULL;
  g_autoptr(GArray) ids = NULL;
  gpointer first = NULL;

  ids = on_worker (t->store, add_100k_job, NULL);
  model = kith_record_list_model_new (t->store);
  kith_record_list_model_set_ids (model, g_steal_pointer (&ids), KITH_GROUP_NONE, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100000);

  /* The end of the list, as after jumping there: the item comes at once, and is filled in when
   * its page arrives from the store's worker */
  {
    g_autoptr(KithRecordItem) last = g_list_model_get_item (G_LIST_MODEL (model), 99999);

    g_assert_cmpint (kith_record_item_get_id (last), ==, kith_record_list_model_get_id (model, 99999));
    g_assert_false (kith_record_item_get_loaded (last));
    wait_until (item_loaded, last);
    g_assert_cmpstr (kith_record_item_get_name (last), ==, "Person 099999");
  }

  /* Scrolling through everything keeps only a bounded window of rows: the first ones go */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_add_weak_pointer (first, &first);
  g_object_unref (first);
  g_assert_nonnull (first);
  for (guint i = 0; i < 100000; i += 50)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_null (first);
}


static gboolean
is_tooltip_button (GtkWidget  *widget,
                   const char *tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_message_dialog (GtkWidget  *widget,
                   const char *heading)
{
  return ADW_IS_MESSAGE_DIALOG (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)), heading) == 0;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GtkWidget *dialog = find_on_screen (is_message_dialog, data);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static gboolean
sidebar_shows (gpointer data)
{
  gpointer *args = data;

  return find_descendant (args[0], is_label, args[1]) != NULL;
}

static gboolean
sidebar_lacks (gpointer data)
{
  return !sidebar_shows (data);
}

/* Answers the dialog with @heading: types @text into its entry (over what is there) and
 * presses Enter, on the keyboard */
static void
answer_dialog (const char *heading,
               const char *text)
{
  GtkWidget *dialog;

  wait_until (message_dialog_shown, (gpointer) heading);
  dialog = find_on_screen (is_message_dialog, heading);
  focus_window (dialog);
  click_when_still (find_widget (dialog, GTK_TYPE_TEXT, NULL));
  press_keys ("ctrl+a");
  type_text (text);
  press_keys ("Return");
}

static gpointer
list_views_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  return kith_store_list_views (store, error);
}

/* A search saved as a view shows in the sidebar, opens its search, is renamed and removed:
 * each write on the store's worker, the sidebar a list bound to the saved views */
static void
test_saved_views (Fixture       *f,
                  gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer saved[] = { f->window, (gpointer) "VIPs" };
  gpointer renamed[] = { f->window, (gpointer) "Favourites" };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"keywords\": [\"vip\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Charles Babbage\"}");
  go_to_page (f->window, "people");
  wait_for_count (people, 2);
  search_for (people, "tag:vip");
  wait_for_count (people, 1);

  choose (open_menu (people, "Save Search as View…"), "Save Search as View…");
  answer_dialog ("Save Search as View", "VIPs");
  wait_until (sidebar_shows, saved);

  /* Back to everyone, then the view brings its search back */
  search_for (people, "");
  wait_for_count (people, 2);
  go_to_page (f->window, "agenda");
  click_when_still (find_descendant (GTK_WIDGET (f->window), is_label, "VIPs"));
  wait_until (is_mapped, people);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry (people))), ==, "tag:vip");
  wait_for_count (people, 1);

  click_when_still (find_descendant (GTK_WIDGET (f->window), is_tooltip_button, "Rename View"));
  answer_dialog ("Rename View", "Favourites");
  wait_until (sidebar_shows, renamed);
  g_assert_false (sidebar_shows (saved));

  click_when_still (find_descendant (GTK_WIDGET (f->window), is_tooltip_button, "Remove View"));
  wait_until (sidebar_lacks, renamed);
  {
    g_autoptr(GListModel) views = on_worker (f->t->store, list_views_job, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (views), ==, 0);
  }
}

static gboolean
shown_on_screen (gpointer data)
{
  return find_on_screen (is_label, data) != NULL;
}

/* No window of the dialog with heading @data is left, shown or hidden */
static gboolean
dialog_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), data) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A new person typed into the form from the keyboard: the form starts at the name; an address
 * the store refuses brings the form back with what was typed and why, at the address;
 * corrected, the person is added and shown, and the form is gone */
static void
test_new_record_form (Fixture       *f,
                      gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer grace[] = { profile, (gpointer) "Grace Hopper" };
  const char *problem = "“not-an-email” is not an email address";
  GtkWidget *dialog;

  /* Escape leaves nothing behind */
  focus_window (GTK_WIDGET (f->window));
  press_keys ("ctrl+alt+n");
  wait_until (message_dialog_shown, (gpointer) "New Person");
  focus_window (find_on_screen (is_message_dialog, "New Person"));
  press_keys ("Escape");
  wait_until (dialog_gone, (gpointer) "New Person");

  focus_window (GTK_WIDGET (f->window));
  press_keys ("ctrl+alt+n");
  wait_until (message_dialog_shown, (gpointer) "New Person");
  dialog = find_on_screen (is_message_dialog, "New Person");
  focus_window (dialog);
  type_text ("Grace Hopper");
  press_keys ("Tab");
  type_text ("not-an-email");
  press_keys ("Return");

  wait_until (shown_on_screen, (gpointer) problem);
  dialog = find_on_screen (is_message_dialog, "New Person");
  g_assert_nonnull (find_descendant (dialog, is_label, problem));
  /* Asked again at the address, not the name */
  focus_window (dialog);
  press_keys ("ctrl+a");
  type_text ("grace@navy.mil");
  press_keys ("Return");

  wait_until (profile_shows, grace);
  g_assert_cmpstr (kith_record_get_name (kith_profile_page_get_record (profile)), ==, "Grace Hopper");
  wait_until (dialog_gone, (gpointer) "New Person");
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     gpointer          user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A window closed while the store lives on hears nothing more from it: writes after it went,
 * of records and of the preset, reach no widget of it */
static void
test_closed_window_and_store (Fixture       *f,
                              gconstpointer  data)
{
  gpointer window = f->window;
  gboolean changed = FALSE;

  g_object_add_weak_pointer (window, &window);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));

  g_signal_connect (f->t->store, "changed", G_CALLBACK (on_store_changed_cb), &changed);
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  apply_preset (f->t->store, "business");
  wait_until (is_true, &changed);
  g_signal_handlers_disconnect_by_func (f->t->store, on_store_changed_cb, &changed);

  /* Gone once what it had asked the store for has come back */
  wait_until (is_null, &window);
}

/* Deals are Properties in the real estate preset: the sidebar follows a change of preset */
static void
test_project_label_follows_preset (Fixture       *f,
                                   gconstpointer  data)
{
  gpointer properties[] = { f->window, (gpointer) "Properties" };
  gpointer deals[] = { f->window, (gpointer) "Deals" };

  wait_until (sidebar_shows, properties);
  apply_preset (f->t->store, "business");
  wait_until (sidebar_shows, deals);
}

typedef struct {
  guint position, removed, added, calls;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->calls++;
}

static gboolean
has_calls (gpointer data)
{
  return ((ItemsChanged *) data)->calls > 0;
}

static gboolean
subtitle_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (kith_record_item_get_subtitle (args[0]), args[1]) == 0;
}

static guint
position_of (GListModel *model,
             gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (model, i);

      if (kith_record_item_get_id (item) == id)
        return i;
    }

  g_assert_not_reached ();
}

static gboolean
no_calls (gpointer data)
{
  return ((ItemsChanged *) data)->calls == 0;
}

typedef struct {
  gint64      id;
  JsonObject *fields;
} Update;

static gpointer
update_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Update *update = data;

  g_assert_true (kith_store_update_record (store, update->id, update->fields, error));
  return NULL;
}

/* A change in the store changes the list as little as it can: an edit that cannot move a row
 * re-reads the row in place; a new record is one row inserted where it sorts */
static void
test_list_follows_changes (Fixture       *f,
                           gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  GListModel *model;
  ItemsChanged seen = { 0 };
  g_autoptr(KithRecordItem) bob = NULL;
  g_autoptr(JsonObject) headline = json_object_new ();
  gint64 id;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Babbage\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Carl Gauss\"}");
  go_to_page (f->window, "people");
  wait_for_count (people, 3);
  model = list_rows (people);
  bob = g_list_model_get_item (model, position_of (model, id));
  wait_until (item_loaded, bob);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);

  /* The headline is not what the list sorts by: the row changes where it is */
  json_object_set_string_member (headline, "headline", "Engineer");
  on_worker (f->t->store, update_job, &(Update) { id, headline });
  {
    gpointer args[] = { bob, (gpointer) "Engineer" };
    wait_until (subtitle_is, args);
  }
  assert_holds_for (no_calls, &seen, 200, "no row added or removed");

  /* A new person comes in between: one row added, the others stay */
  id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bea Cooper\"}");
  wait_until (has_calls, &seen);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, position_of (model, id));
  g_assert_cmpuint (seen.position, >, 0);
  g_assert_cmpuint (seen.position, <, 3);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  g_signal_handlers_disconnect_by_func (model, on_items_changed_cb, &seen);
}

typedef struct {
  guint     calls;
  gboolean  first_loaded;
  char     *first_name;
} FirstRows;

/* What the first row held at the moment the list changed, before anything else ran */
static void
on_list_replaced_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     FirstRows  *seen)
{
  g_autoptr(KithRecordItem) first = NULL;

  /* A row that stays where it was is kept: the change can add none (Ada gone, Bob kept) */
  if (g_list_model_get_n_items (model) == 0)
    return;

  first = g_list_model_get_item (model, 0);
  seen->calls++;
  seen->first_loaded = kith_record_item_get_loaded (first);
  g_free (seen->first_name);
  seen->first_name = g_strdup (kith_record_item_get_name (first));
}

static gboolean
list_replaced (gpointer data)
{
  return ((FirstRows *) data)->calls > 0;
}

/* A new search's rows come with its answer: the list shows them filled in from its first
 * frame, not blank rows waiting for a second trip to the store's worker */
static void
test_list_first_rows_come_with_search (Fixture       *f,
                                       gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  GListModel *model;
  FirstRows seen = { 0 };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Babbage\"}");
  go_to_page (f->window, "people");
  wait_for_count (people, 2);
  model = list_rows (people);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_list_replaced_cb), &seen);

  /* Typed, as a user searches */
  search_for (people, "babb");
  wait_until (list_replaced, &seen);
  g_assert_true (seen.first_loaded);
  g_assert_cmpstr (seen.first_name, ==, "Bob Babbage");
  wait_for_count (people, 1);

  g_signal_handlers_disconnect_by_func (model, on_list_replaced_cb, &seen);
  g_free (seen.first_name);
}

/* Grouped by stage, the first row of a group shows its heading; ungrouped, no row does (the
 * row makes its heading the first time it shows one) */
static void
test_list_group_headings (Fixture       *f,
                          gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer heading[] = { people, (gpointer) "No stage" };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Babbage\"}");
  go_to_page (f->window, "people");
  wait_for_count (people, 2);
  g_assert_false (sidebar_shows (heading));

  choose (open_menu (people, "Stage"), "Stage");
  wait_until (sidebar_shows, heading);

  choose (open_menu (people, "Nothing"), "Nothing");
  wait_until (sidebar_lacks, heading);
}

/* For wait_until (): every row of the list args[0] has its record's name */
static gboolean
rows_loaded (gpointer data)
{
  GListModel *rows = list_rows (data);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (rows, i);

      if (!kith_record_item_get_loaded (item))
        return FALSE;
    }
  return TRUE;
}

/* Properties named by their address list by the numbers' values, as a user reads them: "21
 * Cedar Lane" before "192 Pine Court", "Unit 9" before "Unit 10" */
static void
test_list_numbers_by_value (Fixture       *f,
                            gconstpointer  data)
{
  static const char *expected[] = { "7 Oak Street", "21 Cedar Lane", "192 Pine Court", "1024 Elm Road",
                                    "Unit 9, Lake Drive", "Unit 10, Lake Drive" };
  KithListPage *projects = list_page (f->window, KITH_RECORD_PROJECT);
  GListModel *rows;

  for (guint i = G_N_ELEMENTS (expected); i > 0; i--)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", expected[i - 1]);

      seed_record (f->t, KITH_RECORD_PROJECT, json);
    }
  go_to_page (f->window, "projects");
  wait_for_count (projects, G_N_ELEMENTS (expected));
  wait_until (rows_loaded, projects);

  rows = list_rows (projects);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpstr (kith_record_item_get_name (item), ==, expected[i]);
    }
}

/* The row of the Agenda titled args[1], on screen */
static gboolean
agenda_shows (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_widget (args[0], ADW_TYPE_ACTION_ROW, args[1]);

  return row != NULL && is_mapped (row);
}

static gboolean
agenda_lacks (gpointer data)
{
  gpointer *args = data;

  return find_widget (args[0], ADW_TYPE_ACTION_ROW, args[1]) == NULL;
}

static gboolean
agenda_count_is (gpointer data)
{
  gpointer *args = data;

  return kith_agenda_page_get_count (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
add_todo_today (Fixture    *f,
                const char *subject)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *json = g_strdup_printf ("{\"subject\": \"%s\", \"when\": \"%s\"}", subject, today);

  seed_add (f->t, "todo", json);
}

/* A window that opens on People builds no Agenda rows until the Agenda is shown; its count
 * in the sidebar is there all the same */
static void
test_agenda_rows_built_when_shown (Fixture       *f,
                                   gconstpointer  data)
{
  KithAgendaPage *agenda;
  gpointer buyer[2];
  gpointer one[2];

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = kith_window_new (NULL, f->t->store);
  /* As the application opens a window on a page of its choice */
  kith_window_show_page (f->window, "people");
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  agenda = agenda_page (f->window);
  buyer[0] = agenda;
  buyer[1] = (gpointer) "Call the buyer back";
  one[0] = agenda;
  one[1] = GUINT_TO_POINTER (1);

  add_todo_today (f, "Call the buyer back");
  wait_until (agenda_count_is, one);
  assert_holds_for (agenda_lacks, buyer, 200, "no Agenda row built while People is shown");

  go_to_page (f->window, "agenda");
  wait_until (agenda_shows, buyer);
}

/* The "when" of the first open to-do in the store */
static gpointer
first_todo_due_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  g_autoptr(JsonArray) todos = kith_test_list_todos (store, 0, FALSE, NULL);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (todos, 0), "when"));
}

static gboolean
first_todo_due_is (gpointer data)
{
  gpointer *args = data;
  g_autofree char *due = on_worker (args[0], first_todo_due_job, NULL);

  return g_strcmp0 (due, args[1]) == 0;
}

/* A to-do due at a time of day is among today's, and its row says the time; moved to tomorrow
 * from its menu, it keeps the time */
static void
test_agenda_time_of_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%dT15:00");
  g_autofree char *json = g_strdup_printf ("{\"subject\": \"Call the bank\", \"when\": \"%s\"}", today);
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (next_day, "%Y-%m-%dT15:00");
  gpointer tomorrow_label[] = { NULL, (gpointer) "Tomorrow" };
  gpointer moved[2];
  gpointer bank[2];
  GtkWidget *row, *menu;

  seed_add (f->t, "todo", json);
  go_to_page (f->window, "agenda");
  bank[0] = agenda_page (f->window);
  bank[1] = (gpointer) "Call the bank";
  wait_until (agenda_shows, bank);
  row = find_widget (bank[0], ADW_TYPE_ACTION_ROW, "Call the bank");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ", 15:00 (today)"));

  menu = find_where (row, has_tooltip, "Reschedule");
  g_assert_nonnull (menu);
  click (menu);
  tomorrow_label[0] = menu;
  wait_until (label_shown, tomorrow_label);
  click (find_widget (menu, GTK_TYPE_LABEL, "Tomorrow"));
  moved[0] = f->t->store;
  moved[1] = tomorrow;
  wait_until (first_todo_due_is, moved);
}

/* Done with a click on the check, back with a click on Undo; the other row stays as it was:
 * one row changes, the Agenda is not built again */
static void
test_agenda_done_and_undo (Fixture       *f,
                           gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  gpointer buyer[] = { agenda, (gpointer) "Call the buyer back" };
  gpointer offer[] = { agenda, (gpointer) "Send the offer" };
  gpointer two[] = { agenda, GUINT_TO_POINTER (2) };
  gpointer one[] = { agenda, GUINT_TO_POINTER (1) };
  GtkWidget *other;
  GtkWidget *undo;

  add_todo_today (f, "Call the buyer back");
  add_todo_today (f, "Send the offer");
  go_to_page (f->window, "agenda");
  wait_until (agenda_shows, buyer);
  wait_until (agenda_shows, offer);
  wait_until (agenda_count_is, two);
  other = find_widget (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, "Send the offer");
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  wait_for_frames (GTK_WIDGET (agenda));

  click (find_widget (find_widget (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, "Call the buyer back"),
                      GTK_TYPE_CHECK_BUTTON, NULL));
  wait_until (agenda_lacks, buyer);
  wait_until (agenda_count_is, one);

  undo = find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "Undo");
  g_assert_nonnull (undo);
  wait_until (is_mapped, undo);
  wait_for_frames (undo);
  click (undo);
  wait_until (agenda_shows, buyer);
  wait_until (agenda_count_is, two);

  g_assert_true (other == find_widget (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, "Send the offer"));
  g_object_remove_weak_pointer (G_OBJECT (other), (gpointer *) &other);
}

/* The first descendant of @root (depth first) with @css_class, and how many have it */
static guint
count_with_class (GtkWidget   *root,
                  const char  *css_class,
                  GtkWidget  **first)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  if (n == 1 && first != NULL && *first == NULL)
    *first = root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class, first);
  return n;
}

static gboolean
agenda_shows_n_todo_rows (gpointer data)
{
  gpointer *args = data;

  return count_with_class (args[0], "todo-row", NULL) == GPOINTER_TO_UINT (args[1]);
}

/* The button that shows the next batch of rows, once it says @label and is on screen */
static GtkWidget *
show_more_button (KithAgendaPage *agenda,
                  const char     *label)
{
  gpointer args[] = { agenda, (gpointer) label };
  GtkWidget *text;

  wait_until (label_shown, args);
  text = find_widget (GTK_WIDGET (agenda), GTK_TYPE_LABEL, label);
  scroll_into_view (text);
  return text;
}

/* The focus is on a row of the Agenda, and all of it is in the scrolled window's sight */
static gboolean
focused_row_in_view (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));
  GtkWidget *scrolled;
  graphene_rect_t bounds;

  if (focus == NULL || !g_type_is_a (G_OBJECT_TYPE (focus), g_type_from_name ("KithAgendaRow")))
    return FALSE;
  scrolled = gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL || !gtk_widget_compute_bounds (focus, scrolled, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* A label under @root whose text holds @part */
static gboolean
label_containing (GtkWidget  *root,
                  const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_containing (child, part))
      return TRUE;
  return FALSE;
}

static gboolean
agenda_says (gpointer data)
{
  gpointer *args = data;

  return label_containing (args[0], args[1]);
}

/* An overdue to-do of the 5th says "Thu 5 Nov", without the space a padded day would leave */
static void
test_agenda_day_of_month (Fixture       *f,
                          gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  gpointer says[] = { agenda, (gpointer) "Thu 5 Nov" };

  seed_add (f->t, "todo", "{\"subject\": \"Send the survey\", \"when\": \"2026-11-05\"}");
  go_to_page (f->window, "agenda");
  wait_until (agenda_says, says);
}

/* A long section shows a batch of rows and a "Show more" button, which shows the next batch */
static void
test_agenda_long_section (Fixture       *f,
                          gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  gpointer rows25[] = { agenda, GUINT_TO_POINTER (25) };
  gpointer rows50[] = { agenda, GUINT_TO_POINTER (50) };
  gpointer rows60[] = { agenda, GUINT_TO_POINTER (60) };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Call seller %u", i);

      add_todo_today (f, subject);
    }
  go_to_page (f->window, "agenda");
  wait_until (agenda_shows_n_todo_rows, rows25);

  click (show_more_button (agenda, "Show 35 More"));
  wait_until (agenda_shows_n_todo_rows, rows50);

  click (show_more_button (agenda, "Show 10 More"));
  wait_until (agenda_shows_n_todo_rows, rows60);
  /* The rows just shown stay in sight, the first of them focused, though the button went */
  wait_until (focused_row_in_view, f->window);
  wait_for_frames (GTK_WIDGET (agenda));
  {
    GtkWidget *more = find_widget (GTK_WIDGET (agenda), GTK_TYPE_LABEL, "Show 10 More");

    g_assert_true (more == NULL || !gtk_widget_get_mapped (more));
  }
}

/* A meeting with Ada starting @start (local) for @seconds */
static void
add_meeting (Fixture    *f,
             const char *subject,
             GDateTime  *start,
             gint64      seconds)
{
  g_autofree char *date = g_date_time_format_iso8601 (start);
  g_autofree char *json = g_strdup_printf ("{\"style\": \"meeting\", \"subject\": \"%s\", \"date\": \"%s\", "
                                           "\"duration\": %" G_GINT64_FORMAT ", \"participants\": [\"ada@acme.com\"]}",
                                           subject, date, seconds);

  seed_add (f->t, "item", json);
}

/* The next meeting is never behind "Show More": 28 meetings over since midnight, then one going
 * on now and five after it; the section shows down to the next meeting and two after it */
static void
test_agenda_next_meeting_shown (Fixture       *f,
                                gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  gpointer next[] = { agenda, (gpointer) "The one going on" };

  /* The meetings over and to come all fall on today: not within two minutes of midnight */
  now = g_date_time_new_now_local ();
  while (g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now) < 2 ||
         g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now) > 24 * 60 - 3)
    {
      g_usleep (30 * G_USEC_PER_SEC);
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_now_local ();
    }
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  for (guint i = 0; i < 28; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Over %u", i);
      g_autoptr(GDateTime) start = g_date_time_add_seconds (midnight, i);

      add_meeting (f, subject, start, 1);
    }
  {
    g_autoptr(GDateTime) start = g_date_time_add_seconds (now, -10);

    add_meeting (f, "The one going on", start, 60);
  }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Later %u", i);
      g_autoptr(GDateTime) start = g_date_time_add_seconds (now, 20 + i);

      add_meeting (f, subject, start, 1);
    }

  go_to_page (f->window, "agenda");
  wait_until (agenda_says, next);
  show_more_button (agenda, "Show 3 More");
}

static gboolean
agenda_has_items (gpointer data)
{
  return kith_agenda_page_get_count (data) > 0;
}

static gboolean
preferences_loaded (gpointer data)
{
  GtkWidget *row = find_widget (data, ADW_TYPE_EXPANDER_ROW, NULL);

  return row != NULL && is_mapped (row);
}

static gboolean
is_titled (GtkWidget  *widget,
           const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_entry_titled (GtkWidget  *widget,
                 const char *title)
{
  return ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_close_button (GtkWidget  *widget,
                 const char *unused)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "close");
}

static gboolean
titled_shown (gpointer data)
{
  gpointer *args = data;

  return find_descendant (args[0], args[1], args[2]) != NULL;
}

/* Clicks the row of @root titled @title, once it is on screen */
static void
click_titled (GtkWidget   *root,
              gboolean   (*match) (GtkWidget *widget, const char *text),
              const char  *title)
{
  gpointer args[] = { root, match, (gpointer) title };

  wait_until (titled_shown, args);
  click_when_still (find_descendant (root, match, title));
}

static gpointer
list_segments_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  return kith_relationship_list_segments (store, error);
}

/* The name of the first step of @segment's first stage that has steps, and that stage's name */
static char *
dup_first_step (KithStore   *store,
                const char  *segment_key,
                char       **out_segment,
                char       **out_stage)
{
  g_autoptr(GListModel) segments = on_worker (store, list_segments_job, NULL);

  g_assert_nonnull (segments);
  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);
      GListModel *stages = kith_segment_get_stages (segment);

      if (!g_str_equal (kith_segment_get_key (segment), segment_key))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(KithStage) stage = g_list_model_get_item (stages, s);
          g_autoptr(KithStep) step = NULL;

          if (kith_stage_get_n_steps (stage) == 0)
            continue;
          step = g_list_model_get_item (kith_stage_get_steps (stage), 0);
          if (out_segment != NULL)
            *out_segment = g_strdup (kith_segment_get_name (segment));
          if (out_stage != NULL)
            *out_stage = g_strdup (kith_stage_get_name (stage));
          return g_strdup (kith_step_get_name (step));
        }
    }
  return NULL;
}

static gboolean
step_saved (gpointer data)
{
  gpointer *args = data;
  g_autofree char *step = dup_first_step (args[0], "customer", NULL, NULL);

  return g_strcmp0 (step, args[1]) == 0;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A step renamed in Preferences, and Preferences closed at once (its close button), before the edit
 * would have been saved: the new name is kept */
static void
test_preferences_closed_at_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *segment = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *step = dup_first_step (f->t->store, "customer", &segment, &stage);
  g_autofree char *renamed = NULL;
  GtkWidget *prefs = kith_preferences_window_new (f->t->store, GTK_WINDOW (f->window));

  g_assert_nonnull (step);
  renamed = g_strconcat (step, " now", NULL);
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_present (GTK_WINDOW (prefs));

  /* The segment, its stage, the step, its name: all with the mouse */
  click_titled (prefs, is_titled, segment);
  click_titled (prefs, is_titled, stage);
  click_titled (prefs, is_titled, step);
  click_titled (prefs, is_entry_titled, "Name");

  /* Typed, and the window closed (its close button) right after */
  {
    const char *keys[] = { "End", "space", "n", "o", "w", NULL };
    GtkWidget *close = find_descendant (prefs, is_close_button, NULL);

    g_assert_nonnull (close);
    press_keys_then_click (keys, close);
  }

  wait_until (window_gone, &prefs);
  {
    gpointer args[] = { f->t->store, renamed };
    wait_until (step_saved, args);
  }
}

/* No stack under @data is still fading from one page to another */
static gboolean
transitions_done (gpointer data)
{
  GtkWidget *root = data;

  if (GTK_IS_STACK (root) && gtk_stack_get_transition_running (GTK_STACK (root)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!transitions_done (child))
      return FALSE;
  return TRUE;
}

static gpointer
demo_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_assert_true (kith_demo_generate (store, 300, 3000, 1, NULL, NULL, error));
  return NULL;
}

/* The name of the first current VIP */
static gpointer
first_vip_job (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PERSON, "stage:current tag:vip", KITH_SORT_NAME,
                                           KITH_GROUP_NONE, 0, 1, NULL, error);
  g_autoptr(JsonObject) record = NULL;

  g_assert_cmpuint (ids->len, ==, 1);
  record = kith_store_get_record (store, g_array_index (ids, gint64, 0), error);
  return g_strdup (json_object_get_string_member (record, "name"));
}

/* The name of the first property with people on it */
static gpointer
property_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PROJECT, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 40, NULL, error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) record = kith_store_get_record (store, g_array_index (ids, gint64, i), error);

      if (json_object_has_member (record, "participants"))
        return g_strdup (json_object_get_string_member (record, "name"));
    }
  g_assert_not_reached ();
}

/* The name of the company of person @data */
static gpointer
company_of_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PERSON, "stage:current tag:vip", KITH_SORT_NAME,
                                           KITH_GROUP_NONE, 0, 1, NULL, error);
  g_autoptr(JsonObject) record = kith_store_get_record (store, g_array_index (ids, gint64, 0), error);

  return g_strdup (json_object_get_string_member (record, "company"));
}

/* What can be typed of @name into a search: up to its first letter outside ASCII or comma */
static char *
searchable (const char *name)
{
  const char *end = name;

  while (*end != '\0' && (guchar) *end < 0x80 && *end != ',')
    end++;
  return g_strndup (name, end - name);
}

/* For wait_until (): the list args[0] no longer shows GPOINTER_TO_UINT (args[1]) rows */
static gboolean
rows_changed (gpointer data)
{
  gpointer *args = data;

  return rows_shown (args[0]) != GPOINTER_TO_UINT (args[1]);
}

/* Opens @name on its list and saves the window in the light and the dark style */
static void
save_profile_pngs (Fixture        *f,
                   KithRecordKind  kind,
                   const char     *name,
                   const char     *stem)
{
  static const char *pages[] = { "people", "companies", "projects" };
  KithListPage *list = list_page (f->window, kind);
  AdwStyleManager *style = adw_style_manager_get_default ();
  gpointer args[] = { profile_page (f->window), (gpointer) name };
  g_autofree char *light = g_strconcat (stem, "-light.png", NULL);
  g_autofree char *dark = g_strconcat (stem, "-dark.png", NULL);
  g_autofree char *words = searchable (name);
  gpointer shown[] = { list, NULL };

  go_to_page (f->window, pages[kind]);
  shown[1] = GUINT_TO_POINTER (rows_shown (list));
  search_for (list, words);
  /* Before the click: the rows found, not the whole list the search is about to replace */
  wait_until (rows_changed, shown);
  click_row (list, name);
  wait_until (profile_shows, args);
  wait_for_frames (GTK_WIDGET (f->window));
  wait_until (transitions_done, f->window);
  save_png (GTK_WIDGET (f->window), light);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (GTK_WIDGET (f->window));
  save_png (GTK_WIDGET (f->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  wait_for_frames (GTK_WIDGET (f->window));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  g_autofree char *vip = NULL;
  GtkWidget *prefs;

  on_worker (f->t->store, demo_job, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  wait_until (agenda_has_items, agenda_page (f->window));
  wait_for_frames (GTK_WIDGET (f->window));
  wait_until (transitions_done, f->window);
  save_png (GTK_WIDGET (f->window), "agenda.png");

  go_to_page (f->window, "people");
  wait_for_count (people, 300);
  /* A current VIP's profile beside everyone */
  vip = on_worker (f->t->store, first_vip_job, NULL);
  search_for (people, vip);
  click_row (people, vip);
  {
    gpointer args[] = { profile_page (f->window), vip };
    wait_until (profile_shows, args);
  }
  search_for (people, "");
  wait_for_count (people, 300);
  wait_for_frames (GTK_WIDGET (f->window));
  wait_until (transitions_done, f->window);
  save_png (GTK_WIDGET (f->window), "people.png");

  prefs = kith_preferences_window_new (f->t->store, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (preferences_loaded, prefs);
  wait_for_frames (prefs);
  save_png (prefs, "preferences.png");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* A person, a company and a property, each in the light and the dark style */
  {
    g_autofree char *company = on_worker (f->t->store, company_of_job, NULL);
    g_autofree char *property = on_worker (f->t->store, property_job, NULL);

    save_profile_pngs (f, KITH_RECORD_PERSON, vip, "person");
    save_profile_pngs (f, KITH_RECORD_COMPANY, company, "company");
    save_profile_pngs (f, KITH_RECORD_PROJECT, property, "property");
  }
}

/* The lists keep the user's place: the row highlighted is the record the profile shows */

static gint64
selected_id (KithListPage *page)
{
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL));
  GtkSelectionModel *selection = gtk_list_view_get_model (view);
  g_autoptr(GtkBitset) selected = selection != NULL ? gtk_selection_model_get_selection (selection) : NULL;
  g_autoptr(KithRecordItem) item = NULL;

  if (selected == NULL || gtk_bitset_is_empty (selected))
    return 0;
  item = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_minimum (selected));
  return kith_record_item_get_id (item);
}

static gboolean
list_selects (gpointer data)
{
  gpointer *args = data;

  return selected_id (args[0]) == *(gint64 *) args[1];
}

/* Goes to a list and waits for the profile beside it to show @name, or nobody for %NULL */
static void
go_expecting (KithWindow     *window,
              KithRecordKind  kind,
              const char     *name)
{
  static const char *pages[] = { "people", "companies", "projects" };
  gpointer shows[] = { profile_page (window), (gpointer) name };

  go_to_page (window, pages[kind]);
  wait_until (profile_shows, shows);
}

/* After a merge and its Undo, the highlight stays on the record kept, wherever it moved */
static void
test_list_selection_follows_merge (Fixture       *f,
                                   gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lamarr\", \"emails\": [\"ada@acme.com\"]}");
  gint64 twin = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"ADA LAMARR\", \"emails\": [\"ada@home.example\"]}");
  gpointer shows[] = { profile, (gpointer) "ADA LAMARR" };
  gpointer selects_twin[] = { people, &twin };
  gpointer gone[] = { f->t->store, &ada };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Andrew Lamarr\", \"emails\": [\"andrew@acme.com\"]}");
  go_to_page (f->window, "people");
  wait_for_count (people, 3);
  search_for (people, "Lamarr");
  wait_for_count (people, 3);
  /* The case where the bug showed: the one kept is the second row, and moves up */
  g_assert_cmpuint (position_of (list_rows (people), twin), ==, 1);

  click_row (people, "ADA LAMARR");
  wait_until (profile_shows, shows);
  wait_until (list_selects, selects_twin);

  choose (open_menu (profile, "Merge With…"), "Merge With…");
  wait_until (dialog_shown, NULL);
  click_when_still (find_on_screen (is_button_labelled, "_Keep This One"));
  wait_until (record_gone, gone);
  wait_for_count (people, 2);
  wait_until (list_selects, selects_twin);
  wait_until (undo_shown, NULL);

  click_when_still (find_on_screen (is_button_labelled, "_Undo"));
  wait_until (record_exists, gone);
  wait_for_count (people, 3);
  wait_until (profile_shows, shows);
  wait_until (list_selects, selects_twin);
  assert_holds_for (list_selects, selects_twin, 300, "the record kept stays highlighted");
}

static gboolean
list_scrolled_down (gpointer data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (find_widget (data, GTK_TYPE_LIST_VIEW, NULL), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))) > 0;
}

/* Undo of a delete brings the record back where the user sees it, highlighted */
static void
test_list_shows_undone_delete (Fixture       *f,
                               gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gint64 aaron = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Aaron Aardvark\", \"emails\": [\"aaron@acme.com\"]}");
  gpointer shows[] = { profile, (gpointer) "Aaron Aardvark" };
  gpointer selects[] = { people, &aaron };
  gpointer exists[] = { f->t->store, &aaron };
  gpointer row[] = { people, (gpointer) "Aaron Aardvark" };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Zed Zimmer%02u\"}", i);

      seed_record (f->t, KITH_RECORD_PERSON, json);
    }
  open_from_list (f->window, KITH_RECORD_PERSON, "Aaron Aardvark");
  choose (open_menu (profile, "Delete"), "Delete");
  wait_until (record_gone, exists);
  wait_for_count (people, 60);
  wait_until (undo_shown, NULL);

  /* The user scrolls on meanwhile */
  pointer_to (find_widget (GTK_WIDGET (people), GTK_TYPE_LIST_VIEW, NULL), -1, -1);
  xdotool ("click", "--repeat", "5", "5", NULL);
  wait_until (list_scrolled_down, people);

  click_when_still (find_on_screen (is_button_labelled, "_Undo"));
  wait_until (record_exists, exists);
  wait_for_count (people, 61);
  wait_until (profile_shows, shows);
  wait_until (list_selects, selects);
  wait_until (row_in_view, row);
}

/* Each list shows its own selection's profile, or nobody's */
static void
test_lists_keep_own_selection (Fixture       *f,
                               gconstpointer  data)
{
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");

  /* Nothing picked among the companies yet, and the deals show nobody either */
  go_expecting (f->window, KITH_RECORD_COMPANY, NULL);
  go_expecting (f->window, KITH_RECORD_PROJECT, NULL);

  seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Acme Looms\", \"domains\": [\"looms.example\"]}");
  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme Looms");

  go_expecting (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  go_expecting (f->window, KITH_RECORD_COMPANY, "Acme Looms");
}

/* A record opened as the window opens (as the application's open-record does for a
 * notification) is the one People highlights and shows when the user goes there: the window
 * builds People only after its first frame, after the record was opened */
static void
test_record_opened_before_its_list (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 ada;
  gpointer selects_ada[2];

  gtk_window_destroy (GTK_WINDOW (f->window));
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Aaron Abbott\", \"emails\": [\"aaron@acme.com\"]}");
  ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  f->window = kith_window_new (NULL, f->t->store);
  kith_window_open_record (f->window, ada);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);

  go_expecting (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  selects_ada[0] = list_page (f->window, KITH_RECORD_PERSON);
  selects_ada[1] = &ada;
  wait_until (list_selects, selects_ada);
}

static gboolean
deal_value_is (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  double value = 0;

  if (record == NULL || g_strcmp0 (kith_record_get_name (record), args[1]) != 0)
    return FALSE;
  g_object_get (record, "value", &value, NULL);
  return value == 500000;
}

/* args[0] the profile page, args[1] the id of the one participant its deal should have */
static gboolean
deal_goes_with (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  g_autoptr(KithDealParticipant) participant = NULL;

  if (!KITH_IS_DEAL (record) || g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (record))) != 1)
    return FALSE;
  participant = g_list_model_get_item (kith_deal_get_participants (KITH_DEAL (record)), 0);
  return kith_deal_participant_get_id (participant) == *(gint64 *) args[1];
}

/* A deal's value typed in the form is read as an amount of money: one that is not brings the
 * form back with the reason, at the value; one that is ("$500,000") is written as a number. The
 * deal goes with the person whose email is typed under "With"; an email the store does not know
 * is refused, and the form is asked again at that email. */
static void
test_new_deal_form (Fixture       *f,
                    gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer deal[] = { profile, (gpointer) "Compiler" };
  const char *problem = "The value “a lot” is not an amount of money (such as 500000 or $500,000)";
  const char *unknown = "The participant “nobody@nowhere.example” is not a known person or company";
  gint64 grace = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.mil\"]}");
  gpointer with_grace[] = { profile, &grace };
  GtkWidget *dialog;

  focus_window (GTK_WIDGET (f->window));
  press_keys ("F10");
  wait_until (shown_on_screen, (gpointer) "New Property");
  press_keys ("r");
  wait_until (message_dialog_shown, (gpointer) "New Property");
  focus_window (find_on_screen (is_message_dialog, "New Property"));
  type_text ("Compiler");
  press_keys ("Tab");
  type_text ("a lot");
  press_keys ("Return");

  wait_until (shown_on_screen, (gpointer) problem);
  dialog = find_on_screen (is_message_dialog, "New Property");
  /* Asked again at the value, not the name */
  focus_window (dialog);
  press_keys ("ctrl+a");
  type_text ("$500,000");
  press_keys ("Tab");
  type_text ("nobody@nowhere.example");
  press_keys ("Return");

  wait_until (shown_on_screen, (gpointer) unknown);
  dialog = find_on_screen (is_message_dialog, "New Property");
  /* Asked again at the email refused */
  focus_window (dialog);
  press_keys ("ctrl+a");
  type_text ("grace@navy.mil");
  press_keys ("Return");

  wait_until (deal_value_is, deal);
  wait_until (deal_goes_with, with_grace);
  wait_until (dialog_gone, (gpointer) "New Property");
}

/* The sidebar's label for a page: a label inside a list box row */
static gboolean
is_row_label (GtkWidget  *widget,
              const char *name)
{
  return is_label (widget, name) && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) != NULL;
}

static GtkWidget *
sidebar_label (GtkWidget  *root,
               const char *name)
{
  return find_descendant (root, is_row_label, name);
}

/* args[0] the window, args[1] the count the sidebar shows next to "Agenda" */
static gboolean
sidebar_agenda_count_is (gpointer data)
{
  gpointer *args = data;
  GtkWidget *name = sidebar_label (args[0], "Agenda");
  GtkWidget *count = name != NULL ? gtk_widget_get_next_sibling (name) : NULL;

  return GTK_IS_LABEL (count) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (count)), args[1]) == 0;
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* A change while another page is shown leaves the Agenda's rows as they are until the Agenda
 * is shown again, then it shows the change; the sidebar's count follows it all the time */
static void
test_agenda_hidden_waits_until_shown (Fixture       *f,
                                      gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  gpointer buyer[] = { agenda, (gpointer) "Call the buyer back" };
  gpointer offer[] = { agenda, (gpointer) "Send the offer" };
  gpointer one[] = { f->window, (gpointer) "1" };
  gpointer two[] = { f->window, (gpointer) "2" };

  add_todo_today (f, "Call the buyer back");
  go_to_page (f->window, "agenda");
  wait_until (agenda_shows, buyer);
  wait_until (sidebar_agenda_count_is, one);

  click (sidebar_label (GTK_WIDGET (f->window), "People"));
  wait_until (is_unmapped, agenda);

  add_todo_today (f, "Send the offer");
  wait_until (sidebar_agenda_count_is, two);
  assert_holds_for (agenda_lacks, offer, 200, "no Agenda row changed while People is shown");

  click (sidebar_label (GTK_WIDGET (f->window), "Agenda"));
  wait_until (agenda_shows, offer);
  wait_until (agenda_shows, buyer);
  wait_until (sidebar_agenda_count_is, two);
}

static void
on_count_label_cb (GtkLabel   *label,
                   GParamSpec *pspec,
                   guint      *n_counts)
{
  (*n_counts)++;
}

/* While another page is shown, a burst of changes such as mail capture makes is computed into
 * the sidebar's count a few times, not once a change: with 100,000 people each computation took
 * a core a fifth of a second, and capture beside the window took 2.4 times as long. The count
 * ends right all the same, and the Agenda shows all of it once shown */
static void
test_agenda_hidden_burst (Fixture       *f,
                          gconstpointer  data)
{
  KithAgendaPage *agenda = agenda_page (f->window);
  gpointer one[] = { f->window, (gpointer) "1" };
  gpointer all[] = { f->window, (gpointer) "21" };
  gpointer rows21[] = { agenda, GUINT_TO_POINTER (21) };
  GtkWidget *count;
  guint n_counts = 0;

  add_todo_today (f, "Call the buyer back");
  go_to_page (f->window, "agenda");
  wait_until (sidebar_agenda_count_is, one);
  click (sidebar_label (GTK_WIDGET (f->window), "People"));
  wait_until (is_unmapped, agenda);

  count = gtk_widget_get_next_sibling (sidebar_label (GTK_WIDGET (f->window), "Agenda"));
  g_signal_connect (count, "notify::label", G_CALLBACK (on_count_label_cb), &n_counts);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Call seller %u", i);

      add_todo_today (f, subject);
    }
  wait_until (sidebar_agenda_count_is, all);
  /* Each write is waited for before the next, and a computation of this small Agenda is quick:
   * before, nearly every change made a count of its own (17 of 20) */
  g_assert_cmpuint (n_counts, <=, 4);
  g_signal_handlers_disconnect_by_func (count, on_count_label_cb, &n_counts);

  click (sidebar_label (GTK_WIDGET (f->window), "Agenda"));
  wait_until (agenda_shows_n_todo_rows, rows21);
}

/* A window that opens on People reads the other pages once it is at rest after its first
 * frame: a page chosen before then reads when shown, and the Agenda's count comes all the same */
static void
test_other_pages_read_after_first_frame (Fixture       *f,
                                         gconstpointer  data)
{
  KithListPage *companies;
  gpointer one[2];

  gtk_window_destroy (GTK_WINDOW (f->window));
  seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Acme Corporation\", \"domains\": [\"acme.com\"]}");
  add_todo_today (f, "Call the buyer back");
  f->window = kith_window_new (NULL, f->t->store);
  kith_window_show_page (f->window, "people");
  gtk_window_present (GTK_WINDOW (f->window));
  one[0] = f->window;
  one[1] = (gpointer) "1";

  /* Companies chosen as soon as People shows: built then, if the window had not yet */
  wait_until (is_mapped, list_page (f->window, KITH_RECORD_PERSON));
  click (sidebar_label (GTK_WIDGET (f->window), "Companies"));
  companies = list_page (f->window, KITH_RECORD_COMPANY);
  wait_for_count (companies, 1);
  wait_until (sidebar_agenda_count_is, one);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* Only outside the test harness, which runs an X server */
      g_print ("1..0 # SKIP no display: run through build-aux/dev test\n");
      return 0;
    }

  gui_test_init (&argc, &argv);

  g_test_add ("/window/navigate-pages", Fixture, NULL, fixture_set_up, test_navigate_pages, fixture_tear_down);
  g_test_add ("/window/store-property", Fixture, NULL, fixture_set_up_from_properties, test_navigate_pages,
              fixture_tear_down);
  g_test_add ("/window/create-and-find", Fixture, NULL, fixture_set_up, test_create_and_find, fixture_tear_down);
  g_test_add ("/window/bad-query-explained", Fixture, NULL, fixture_set_up, test_bad_query_explained, fixture_tear_down);
  g_test_add ("/profile/opens-at-top", Fixture, NULL, fixture_set_up, test_profile_opens_at_top, fixture_tear_down);
  g_test_add ("/profile/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/profile/merge-and-undo", Fixture, NULL, fixture_set_up, test_merge_and_undo, fixture_tear_down);
  g_test_add ("/profile/attach-files", Fixture, NULL, fixture_set_up, test_attach_files, fixture_tear_down);
  g_test_add ("/agenda/rows-built-when-shown", Fixture, NULL, fixture_set_up, test_agenda_rows_built_when_shown,
              fixture_tear_down);
  g_test_add ("/agenda/done-and-undo", Fixture, NULL, fixture_set_up, test_agenda_done_and_undo, fixture_tear_down);
  g_test_add ("/agenda/day-of-month", Fixture, NULL, fixture_set_up, test_agenda_day_of_month, fixture_tear_down);
  g_test_add ("/agenda/time-of-day", Fixture, NULL, fixture_set_up, test_agenda_time_of_day, fixture_tear_down);
  g_test_add ("/agenda/long-section", Fixture, NULL, fixture_set_up, test_agenda_long_section, fixture_tear_down);
  g_test_add ("/agenda/next-meeting-shown", Fixture, NULL, fixture_set_up, test_agenda_next_meeting_shown, fixture_tear_down);
  g_test_add ("/preferences/closed-at-once", Fixture, NULL, fixture_set_up, test_preferences_closed_at_once, fixture_tear_down);
  g_test_add ("/window/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/window/project-label-follows-preset", Fixture, NULL, fixture_set_up, test_project_label_follows_preset,
              fixture_tear_down);
  g_test_add ("/window/list-follows-changes", Fixture, NULL, fixture_set_up, test_list_follows_changes, fixture_tear_down);
  g_test_add ("/window/new-record-form", Fixture, NULL, fixture_set_up, test_new_record_form, fixture_tear_down);
  g_test_add ("/window/list-first-rows-come-with-search", Fixture, NULL, fixture_set_up,
              test_list_first_rows_come_with_search, fixture_tear_down);
  g_test_add ("/window/list-group-headings", Fixture, NULL, fixture_set_up, test_list_group_headings, fixture_tear_down);
  g_test_add ("/window/list-numbers-by-value", Fixture, NULL, fixture_set_up, test_list_numbers_by_value,
              fixture_tear_down);
  g_test_add ("/window/saved-views", Fixture, NULL, fixture_set_up, test_saved_views, fixture_tear_down);
  g_test_add ("/window/closed-window-and-store", Fixture, NULL, fixture_set_up, test_closed_window_and_store,
              fixture_tear_down);
  g_test_add ("/window/list-selection-follows-merge", Fixture, NULL, fixture_set_up, test_list_selection_follows_merge,
              fixture_tear_down);
  g_test_add ("/window/list-shows-undone-delete", Fixture, NULL, fixture_set_up, test_list_shows_undone_delete,
              fixture_tear_down);
  g_test_add ("/window/lists-keep-own-selection", Fixture, NULL, fixture_set_up, test_lists_keep_own_selection,
              fixture_tear_down);
  g_test_add_func ("/list-model/pages-100k", test_list_model_pages);
  g_test_add ("/agenda/hidden-waits-until-shown", Fixture, NULL, fixture_set_up, test_agenda_hidden_waits_until_shown,
              fixture_tear_down);
  g_test_add ("/agenda/hidden-burst", Fixture, NULL, fixture_set_up, test_agenda_hidden_burst, fixture_tear_down);

  g_test_add ("/window/new-deal-form", Fixture, NULL, fixture_set_up, test_new_deal_form, fixture_tear_down);
  g_test_add ("/window/other-pages-read-after-first-frame", Fixture, NULL, fixture_set_up,
              test_other_pages_read_after_first_frame, fixture_tear_down);
  g_test_add ("/window/record-opened-before-its-list", Fixture, NULL, fixture_set_up,
              test_record_opened_before_its_list, fixture_tear_down);

  return g_test_run ();
}
