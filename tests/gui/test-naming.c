/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What the window calls things, under Xvfb on a real store: the third kind of record is
 * "Properties" everywhere with the real estate preset and "Deals" with the others (the sidebar,
 * a list's count and the profile beside it, the New menu and form, a person's profile);
 * Alt+1 … Alt+5 go to the pages in the sidebar's order; a property shows a house, not the
 * initials of its street number, and says it had no activity rather than "never".
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kith-list-page.h"
#include "kith-list-row.h"
#include "kith-list-text.h"
#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* @data: the preset to start with, applied before the window opens */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, data);
  f->window = present_main_window (f->t, 1180, 760);
}

static gboolean
is_inscription_shown (GtkWidget     *widget,
                      gconstpointer  text)
{
  return KITH_IS_LIST_TEXT (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (kith_list_text_get_text (KITH_LIST_TEXT (widget)), text) == 0;
}

/* A label showing @text on any window on screen: the main window, a menu, a dialog */
static GtkWidget *
label_on_screen (const char *text)
{
  return find_in_any_window (is_label_shown, text);
}

static gboolean
on_screen (gpointer text)
{
  return label_on_screen (text) != NULL;
}

static gboolean
off_screen (gpointer text)
{
  return label_on_screen (text) == NULL;
}

/* The main menu names the New item of deals @item: F10 opens it, Escape closes it */
static void
assert_new_item (Fixture    *f,
                 const char *item)
{
  focus_window (GTK_WIDGET (f->window));
  press_keys ("F10");
  wait_until (on_screen, (gpointer) item);
  press_keys ("Escape");
  wait_until (off_screen, (gpointer) item);
}

/* The sidebar, the list's count, the profile beside it with none chosen, the New menu and form
 * and a person's profile say @deals */
static void
assert_named (Fixture    *f,
              const char *deals,
              const char *count,
              const char *none_chosen,
              const char *new_item,
              const char *other)
{
  gpointer profile_says[] = { profile_page (f->window), (gpointer) deals };
  gpointer profile_says_none[] = { profile_page (f->window), (gpointer) none_chosen };

  wait_until (on_screen, (gpointer) deals);
  g_assert_null (label_on_screen (other));
  wait_until (any_label_shown, profile_says);

  go_to_page (f->window, "projects");
  wait_until (on_screen, (gpointer) count);
  wait_until (any_label_shown, profile_says_none);

  assert_new_item (f, new_item);

  /* The list's Add button: the form is headed as the menu item */
  focus_window (GTK_WIDGET (f->window));
  click_when_still (find_where (GTK_WIDGET (list_page (f->window, KITH_RECORD_PROJECT)), has_tooltip, "Add"));
  wait_until (on_screen, (gpointer) new_item);
  press_keys ("Escape");
  wait_until (off_screen, (gpointer) new_item);
}

static void
test_one_word_per_preset (Fixture       *f,
                          gconstpointer  data)
{
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"1B Elm Street\", \"participants\": [\"ada@example.com\"]}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"22 Oak Avenue\"}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");

  assert_named (f, "Properties", "2 properties", "No Property Selected", "New Property", "Deals");

  /* Another preset, and every label follows it */
  apply_preset (f->t->store, "business");
  go_to_page (f->window, "people");
  assert_named (f, "Deals", "2 deals", "No Deal Selected", "New Deal", "Properties");
}

static gboolean
is_pages_list (GtkWidget     *widget,
               gconstpointer  unused)
{
  GtkListBoxRow *first = GTK_IS_LIST_BOX (widget) ? gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) : NULL;

  return first != NULL && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (first)), "agenda") == 0;
}

/* The sidebar's pages: the list with Agenda at its top */
static GtkListBox *
sidebar (Fixture *f)
{
  GtkWidget *pages = find_where (GTK_WIDGET (f->window), is_pages_list, NULL);

  g_assert_nonnull (pages);
  return GTK_LIST_BOX (pages);
}

/* For wait_until (): the sidebar args[0] has its row args[1] selected, and the page of that row
 * is the one shown */
static gboolean
row_shown (gpointer data)
{
  gpointer *args = data;
  GtkListBoxRow *row = args[1];
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (agenda_page (args[2])));

  return gtk_list_box_get_selected_row (args[0]) == row &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), gtk_widget_get_name (GTK_WIDGET (row))) == 0;
}

/* Alt+1 is the sidebar's first row, Alt+2 its second, and so on down */
static void
test_alt_keys_follow_sidebar (Fixture       *f,
                              gconstpointer  data)
{
  GtkListBox *pages = sidebar (f);

  for (int i = 4; i >= 0; i--)
    {
      g_autofree char *keys = g_strdup_printf ("alt+%d", i + 1);
      gpointer args[] = { pages, gtk_list_box_get_row_at_index (pages, i), f->window };

      g_assert_nonnull (args[1]);
      focus_window (GTK_WIDGET (f->window));
      press_keys (keys);
      wait_until (row_shown, args);
    }
}

static gboolean
is_icon_shown (GtkWidget     *widget,
               gconstpointer  icon_name)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon_name) == 0;
}

/* The row of @page naming @name, once it is in sight */
static GtkWidget *
row_of (KithListPage *page,
        const char   *name)
{
  gpointer args[] = { page, (gpointer) name };

  wait_until (row_in_view, args);
  return gtk_widget_get_ancestor (find_where (GTK_WIDGET (page), is_label_shown, name), KITH_TYPE_LIST_ROW);
}

/* For wait_until (): the row args[0] says args[1] where its last contact goes */
static gboolean
row_says (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_inscription_shown, args[1]) != NULL;
}

static AdwAvatar *
profile_avatar (Fixture *f)
{
  return ADW_AVATAR (find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_AVATAR, NULL));
}

/* A property shows a house where a person shows initials, in the list and on its profile, and
 * says it had no activity */
static void
test_property_avatar (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *property, *person;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"1B Elm Street\"}");

  go_to_page (f->window, "projects");
  property = row_of (list_page (f->window, KITH_RECORD_PROJECT), "1B Elm Street");
  g_assert_nonnull (find_where (property, is_icon_shown, "go-home-symbolic"));
  {
    gpointer args[] = { property, (gpointer) "No activity" };

    wait_until (row_says, args);
    g_assert_null (find_where (property, is_inscription_shown, "never"));
  }

  open_from_list (f->window, KITH_RECORD_PROJECT, "1B Elm Street");
  g_assert_false (adw_avatar_get_show_initials (profile_avatar (f)));
  g_assert_cmpstr (adw_avatar_get_icon_name (profile_avatar (f)), ==, "go-home-symbolic");

  /* A person keeps the initials, and "never" */
  go_to_page (f->window, "people");
  person = row_of (list_page (f->window, KITH_RECORD_PERSON), "Ada Lovelace");
  g_assert_null (find_where (person, is_icon_shown, "go-home-symbolic"));
  {
    gpointer args[] = { person, (gpointer) "never" };

    wait_until (row_says, args);
  }
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  g_assert_true (adw_avatar_get_show_initials (profile_avatar (f)));
}

static gboolean
has_custom_image (gpointer avatar)
{
  return adw_avatar_get_custom_image (avatar) != NULL;
}

/* Writes a small picture into @dir; returns its path */
static char *
write_picture (const char *dir)
{
  static const guchar pixels[] = { 0xc0, 0x40, 0x40, 0x40, 0xc0, 0x40, 0x40, 0x40, 0xc0, 0xc0, 0xc0, 0x40 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8, bytes, 6);
  char *path = g_build_filename (dir, "front.png", NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

static gboolean
is_picture_shown (GtkWidget     *widget,
                  gconstpointer  unused)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_get_mapped (widget) &&
         gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_PAINTABLE;
}

static gboolean
row_shows_picture (gpointer row)
{
  return find_where (row, is_picture_shown, NULL) != NULL;
}

/* A property with a picture shows it, not the house, in the list and on its profile */
static void
test_property_picture (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-picture-XXXXXX", NULL);
  g_autofree char *path = write_picture (dir);
  g_autofree char *json = g_strdup_printf ("{\"name\": \"9 Birch Way\", \"picture\": \"%s\"}", path);

  seed_record (f->t, KITH_RECORD_PROJECT, json);
  go_to_page (f->window, "projects");
  wait_until (row_shows_picture, row_of (list_page (f->window, KITH_RECORD_PROJECT), "9 Birch Way"));
  g_assert_null (find_where (row_of (list_page (f->window, KITH_RECORD_PROJECT), "9 Birch Way"), is_icon_shown,
                             "go-home-symbolic"));

  open_from_list (f->window, KITH_RECORD_PROJECT, "9 Birch Way");
  wait_until (has_custom_image, profile_avatar (f));

  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/naming/one-word-per-preset", Fixture, "realestate", fixture_set_up, test_one_word_per_preset,
              window_fixture_tear_down);
  g_test_add ("/naming/alt-keys-follow-sidebar", Fixture, "realestate", fixture_set_up,
              test_alt_keys_follow_sidebar, window_fixture_tear_down);
  g_test_add ("/naming/property-avatar", Fixture, "realestate", fixture_set_up, test_property_avatar,
              window_fixture_tear_down);
  g_test_add ("/naming/property-picture", Fixture, "realestate", fixture_set_up, test_property_picture,
              window_fixture_tear_down);

  return g_test_run ();
}
