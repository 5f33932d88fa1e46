/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Custom fields in their sections on a profile, a field edited in Preferences while a profile
 * shows it, and segments added and removed in Preferences — driven as a user does (real clicks
 * and key presses through the X server, under Xvfb) over a store in a temporary data dir, read
 * back from the store.
 */

#include <adwaita.h>

#include "kith-field-definition-row.h"
#include "kith-field-section-group.h"
#include "kith-preferences-window.h"
#include "kith-profile-page.h"
#include "kith-segment-row.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  GtkWidget     *prefs;
} Fixture;

static gpointer
add_field_job (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  g_assert_cmpint (kith_fields_add (store, data, error), >, 0);
  return NULL;
}

/* Adds a field for people, in @section (or none), on the worker */
static void
seed_field (Fixture    *f,
            const char *name,
            const char *section)
{
  g_autoptr(KithFieldDefinition) field = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", name,
                                                       "field-type", "text", "section", section, NULL);

  on_worker (f->t->store, add_field_job, field);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, "realestate");
}

static void
open_window (Fixture *f)
{
  f->window = present_main_window (f->t, 1180, 760);
}

static void
open_preferences (Fixture    *f,
                  const char *page)
{
  f->prefs = kith_preferences_window_new (f->t->store, f->window != NULL ? GTK_WINDOW (f->window) : NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 640, 900);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), page);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->prefs != NULL)
    close_window (f->prefs);
  if (f->window != NULL)
    close_window (f->window);
  kith_test_store_free (f->t);
}

static gboolean
is_section (GtkWidget     *widget,
            gconstpointer  title)
{
  return KITH_IS_FIELD_SECTION_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* The group of the section titled @title on the profile of @f, on screen, or NULL */
static GtkWidget *
section_shown (Fixture    *f,
               const char *title)
{
  GtkWidget *group = find_where (GTK_WIDGET (profile_page (f->window)), is_section, title);

  return group != NULL && is_mapped (group) ? group : NULL;
}

/* For wait_until (): args[0], a fixture, shows the section args[1] with the field args[2] */
static gboolean
field_in_section (gpointer data)
{
  gpointer *args = data;
  GtkWidget *group = section_shown (args[0], args[1]);
  GtkWidget *row = group != NULL ? find_widget (group, ADW_TYPE_PREFERENCES_ROW, args[2]) : NULL;

  return row != NULL && is_mapped (row);
}

static guint
count_rows (GtkWidget *group)
{
  GtkListBox *list = kith_field_section_group_get_list (KITH_FIELD_SECTION_GROUP (group));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += gtk_widget_get_visible (row);
  return n;
}

/* Two fields in section "Listing" and one without show under "Listing" and "Details" */
static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  gpointer asking[] = { f, "Listing", "Asking price" };
  gpointer viewing[] = { f, "Listing", "Viewing notes" };
  gpointer colour[] = { f, "Details", "Favourite colour" };

  seed_field (f, "Favourite colour", NULL);
  seed_field (f, "Asking price", "Listing");
  seed_field (f, "Viewing notes", "Listing");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Sam Seller\", \"segment\": \"Sellers\"}");
  open_window (f);
  open_from_list (f->window, KITH_RECORD_PERSON, "Sam Seller");

  wait_until (field_in_section, asking);
  wait_until (field_in_section, viewing);
  wait_until (field_in_section, colour);
  g_assert_cmpuint (count_rows (section_shown (f, "Listing")), ==, 2);
  g_assert_cmpuint (count_rows (section_shown (f, "Details")), ==, 1);
  /* Each field in its own section only */
  g_assert_null (find_widget (section_shown (f, "Details"), ADW_TYPE_PREFERENCES_ROW, "Asking price"));
  g_assert_null (find_widget (section_shown (f, "Listing"), ADW_TYPE_PREFERENCES_ROW, "Favourite colour"));
  scroll_into_view (section_shown (f, "Listing"));
  save_png (GTK_WIDGET (f->window), "profile-custom-sections.png");
}

/* The message dialog on screen, if any */
static GtkWidget *
shown_dialog (void)
{
  return shown_window_of (ADW_TYPE_MESSAGE_DIALOG);
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  const char *title;
} Row;

static gboolean
row_shown (gpointer data)
{
  Row *row = data;
  GtkWidget *found = find_widget (row->root, row->type, row->title);

  return found != NULL && is_mapped (found);
}

static gboolean
row_gone (gpointer data)
{
  return !row_shown (data);
}

/* A field renamed in Preferences shows its new name on the profile open meanwhile */
static void
test_field_renamed (Fixture       *f,
                    gconstpointer  data)
{
  gpointer before[] = { f, "Listing", "Asking price" };
  gpointer after[] = { f, "Listing", "List price" };
  Row listed = { NULL, KITH_TYPE_FIELD_DEFINITION_ROW, "Asking price" };
  GtkWidget *row;

  seed_field (f, "Asking price", "Listing");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Sam Seller\", \"segment\": \"Sellers\"}");
  open_window (f);
  open_from_list (f->window, KITH_RECORD_PERSON, "Sam Seller");
  wait_until (field_in_section, before);

  open_preferences (f, "fields");
  listed.root = f->prefs;
  wait_until (row_shown, &listed);
  row = find_widget (f->prefs, KITH_TYPE_FIELD_DEFINITION_ROW, "Asking price");
  click (shown_with_tooltip (row, "Edit Field"));
  wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  /* The form holds the field as it is; its name is replaced by typing */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (shown_dialog (), GTK_TYPE_TEXT, NULL))), ==,
                   "Asking price");
  save_png (shown_dialog (), "preferences-field-edit.png");
  type_into (find_widget (shown_dialog (), GTK_TYPE_TEXT, NULL), "List price");
  answer_message_dialog ("_Save");

  listed.title = "List price";
  wait_until (row_shown, &listed);
  close_window (f->prefs);
  f->prefs = NULL;
  wait_until (field_in_section, after);
  g_assert_null (find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_PREFERENCES_ROW, "Asking price"));
}

static gpointer
segment_key_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  g_autoptr(GListModel) segments = kith_relationship_list_segments (store, error);

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_name (segment), data) == 0)
        return g_strdup (kith_segment_get_key (segment));
    }
  return NULL;
}

/* The key of the segment named @name as the store has it, or NULL */
static char *
stored_segment (Fixture    *f,
                const char *name)
{
  return on_worker (f->t->store, segment_key_job, (gpointer) name);
}

static gboolean
is_segment_row (GtkWidget     *widget,
                gconstpointer  title)
{
  return KITH_IS_SEGMENT_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
refusal_shown (gpointer data)
{
  GtkWidget *dialog = shown_dialog ();

  return dialog != NULL && strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), data) != NULL;
}

static gpointer
move_to_buyers_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  g_autoptr(JsonObject) patch = kith_test_json ("{\"segment\": \"Buyers\"}");

  g_assert_true (kith_store_update_record (store, *(gint64 *) data, patch, error));
  return NULL;
}

/* Clicks the Remove button of the segment row @name, and says yes */
static void
remove_segment (Fixture    *f,
                const char *name)
{
  GtkWidget *row = find_where (f->prefs, is_segment_row, name);

  g_assert_nonnull (row);
  scroll_into_view (row);
  click (shown_with_tooltip (row, "Remove Segment"));
  answer_message_dialog ("_Remove");
}

/* A segment added with the keyboard, refused removal while someone is in it, then removed */
static void
test_segment_added_removed (Fixture       *f,
                            gconstpointer  data)
{
  Row landlords = { NULL, KITH_TYPE_SEGMENT_ROW, "Landlords" };
  g_autofree char *key = NULL;
  g_autofree char *gone = NULL;
  gint64 id;

  open_preferences (f, "relationships");
  landlords.root = f->prefs;
  wait_until (is_mapped, shown_with_tooltip (f->prefs, "Add a Segment"));
  click (shown_with_tooltip (f->prefs, "Add a Segment"));
  wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  click (find_widget (shown_dialog (), GTK_TYPE_TEXT, NULL));
  type_text ("Landlords");
  press_keys ("Return");
  wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  wait_until (row_shown, &landlords);
  key = stored_segment (f, "Landlords");
  g_assert_nonnull (key);

  /* Someone is in it: it stays, and the reason says how many */
  id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Lee Landlord\", \"segment\": \"Landlords\"}");
  remove_segment (f, "Landlords");
  wait_until (refusal_shown, "1 record");
  answer_message_dialog ("_Close");
  g_clear_pointer (&gone, g_free);
  gone = stored_segment (f, "Landlords");
  g_assert_cmpstr (gone, ==, key);
  g_assert_true (row_shown (&landlords));

  /* Moved out, the segment goes */
  on_worker (f->t->store, move_to_buyers_job, &id);
  remove_segment (f, "Landlords");
  wait_until (row_gone, &landlords);
  g_clear_pointer (&gone, g_free);
  gone = stored_segment (f, "Landlords");
  g_assert_null (gone);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/custom-sections/sections", Fixture, NULL, fixture_set_up, test_sections, fixture_tear_down);
  g_test_add ("/custom-sections/field-renamed", Fixture, NULL, fixture_set_up, test_field_renamed, fixture_tear_down);
  g_test_add ("/custom-sections/segment-added-removed", Fixture, NULL, fixture_set_up, test_segment_added_removed,
              fixture_tear_down);

  return g_test_run ();
}
