/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Records linked to each other, driven as a user does (real clicks and key presses through the X
 * server, under Xvfb) over a store in a temporary data dir: a company's people, a record's picture,
 * and a deal's value in the list of Deals.
 */

#include <adwaita.h>

#include "kith-company-person-row.h"
#include "kith-list-text.h"
#include "kith-profile-page.h"
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
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  focus_window (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* The row of type @type titled @title on the profile, on screen, or NULL */
static GtkWidget *
profile_row (Fixture    *f,
             GType       type,
             const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), type, title);

  return row != NULL && is_mapped (row) ? row : NULL;
}

/* For wait_until (): args[0], a fixture, shows a row of the company's people titled args[1] */
static gboolean
person_row_shown (gpointer data)
{
  gpointer *args = data;

  return profile_row (args[0], KITH_TYPE_COMPANY_PERSON_ROW, args[1]) != NULL;
}

static gboolean
person_row_gone (gpointer data)
{
  return !person_row_shown (data);
}

/* For wait_until (): args[0], a fixture, shows an entry row titled args[1] */
static gboolean
entry_row_shown (gpointer data)
{
  gpointer *args = data;

  return profile_row (args[0], ADW_TYPE_ENTRY_ROW, args[1]) != NULL;
}

/* For wait_until (): the toast's Undo button, under args[0], has stayed where it is for a while
 * (the toast slides in), and args[1] holds it */
static gboolean
undo_settled (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, "Undo");
  GtkWidget *button = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
  static graphene_rect_t last;
  static gint64 since;
  graphene_rect_t now;

  if (button == NULL || !is_mapped (button) || !gtk_widget_compute_bounds (button, args[0], &now))
    return FALSE;
  if (!graphene_rect_equal (&now, &last))
    {
      last = now;
      since = g_get_monotonic_time ();
      return FALSE;
    }
  args[1] = button;
  return g_get_monotonic_time () - since > 300 * 1000;
}

/* The company of @person as the store has it, 0 for none */
static gint64
stored_company_of (Fixture *f,
                   gint64   person)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, person);

  return MAX (kith_person_get_company_id (KITH_PERSON (record)), 0);
}

typedef struct {
  Fixture *f;
  gint64   person;
  gint64   company;
} CompanyOf;

/* For wait_until (): the store has the company of the person args->person as args->company */
static gboolean
company_stored (gpointer data)
{
  CompanyOf *of = data;

  return stored_company_of (of->f, of->person) == of->company;
}

static gint64
seed_company (Fixture *f)
{
  gint64 acme = seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");

  seed_record (f->t, KITH_RECORD_PERSON,
               "{\"name\": \"Ann Lee\", \"headline\": \"Buyer\", \"company\": \"Acme\", \"emails\": [\"ann@acme.com\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Ray\", \"company\": \"Acme\", \"emails\": [\"bob@acme.com\"]}");
  return acme;
}

/* A company's profile lists its people; a click on one opens them, and their company button
 * leads back */
static void
test_people_listed (Fixture       *f,
                    gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer ann[] = { f, (gpointer) "Ann Lee" };
  gpointer bob[] = { f, (gpointer) "Bob Ray" };
  gpointer shows_ann[] = { profile, (gpointer) "Ann Lee" };
  gpointer shows_acme[] = { profile, (gpointer) "Acme" };
  GtkWidget *row;
  GtkWidget *button;

  seed_company (f);
  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme");
  wait_until (person_row_shown, ann);
  wait_until (person_row_shown, bob);
  row = profile_row (f, KITH_TYPE_COMPANY_PERSON_ROW, "Ann Lee");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Buyer");

  scroll_into_view (row);
  click (row);
  wait_until (profile_shows, shows_ann);

  /* and back: the person's company button opens the company, which lists them */
  button = find_where (GTK_WIDGET (profile), is_labelled_button, "Acme");
  g_assert_nonnull (button);
  wait_until (is_mapped, button);
  click_when_still (button);
  wait_until (profile_shows, shows_acme);
  wait_until (person_row_shown, ann);
}

/* A person added by email joins the list and has the company stored; one the store does not
 * know is refused, the refusal shown where it was typed */
static void
test_add_person (Fixture       *f,
                 gconstpointer  data)
{
  gint64 acme = seed_company (f);
  gint64 cat = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Cat Poe\", \"emails\": [\"cat@poe.org\"]}");
  gpointer ann[] = { f, (gpointer) "Ann Lee" };
  gpointer cat_shown[] = { f, (gpointer) "Cat Poe" };
  gpointer refused[] = { f, (gpointer) "No one is known as “nobody@poe.org”" };
  CompanyOf stored = { f, cat, acme };
  GtkWidget *add;

  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme");
  wait_until (person_row_shown, ann);
  add = profile_row (f, ADW_TYPE_ENTRY_ROW, "Add Person by Email or Name");
  g_assert_nonnull (add);
  scroll_into_view (add);

  type_into (add, "cat@poe.org");
  press_keys ("Return");
  wait_until (person_row_shown, cat_shown);
  wait_until (company_stored, &stored);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");

  type_into (add, "nobody@poe.org");
  press_keys ("Return");
  wait_until (entry_row_shown, refused);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "nobody@poe.org");
}

/* A person taken off the company leaves the list and has no company stored; Undo on the toast
 * brings them back */
static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  gint64 acme = seed_company (f);
  gint64 bob = lookup (f->t->store, "bob@acme.com");
  gpointer bob_shown[] = { f, (gpointer) "Bob Ray" };
  gpointer undo[] = { f->window, NULL };
  CompanyOf none = { f, bob, 0 };
  CompanyOf back = { f, bob, acme };
  GtkWidget *button;

  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme");
  wait_until (person_row_shown, bob_shown);
  button = find_where (profile_row (f, KITH_TYPE_COMPANY_PERSON_ROW, "Bob Ray"), has_tooltip,
                       "Remove “Bob Ray” From the Company");
  g_assert_nonnull (button);
  scroll_into_view (button);
  click (button);
  wait_until (person_row_gone, bob_shown);
  wait_until (company_stored, &none);

  wait_until (undo_settled, undo);
  click (undo[1]);
  wait_until (person_row_shown, bob_shown);
  wait_until (company_stored, &back);
}

/* A small PNG at @path */
static void
write_png (const char *path)
{
  static const guint8 pixels[] = { 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8A8, bytes, 8);

  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
avatar_has_picture (gpointer data)
{
  return adw_avatar_get_custom_image (data) != NULL;
}

static gboolean
avatar_has_no_picture (gpointer data)
{
  return !avatar_has_picture (data);
}

/* The picture of record @id as the store has it */
static char *
stored_picture (Fixture *f,
                gint64   id)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, id);
  char *picture = NULL;

  g_object_get (record, "picture", &picture, NULL);
  return picture;
}

/* A picture chosen with Set Picture… shows in the avatar, and is stored as a copy in Kith's data
 * dir; a file that is not an image is refused, by name; Remove Picture takes it off, and Undo
 * puts it back */
static void
test_picture (Fixture       *f,
              gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 ann = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autofree char *dir = g_dir_make_tmp ("kith-picture-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "portrait.png", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *data_dir = g_path_get_dirname (kith_store_get_path (f->t->store));
  g_autofree char *pictures = g_build_filename (data_dir, "files", "pictures", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *restored = NULL;
  gpointer refused[] = { f->window, (gpointer) "“notes.txt” is not an image" };
  gpointer undo[] = { f->window, NULL };
  GtkWidget *avatar;

  write_png (png);
  g_assert_true (g_file_set_contents (text, "not a picture", -1, NULL));
  open_from_list (f->window, KITH_RECORD_PERSON, "Ann Lee");
  avatar = find_widget (GTK_WIDGET (profile), ADW_TYPE_AVATAR, NULL);
  g_assert_false (avatar_has_picture (avatar));

  choose (open_menu (profile, "Set Picture…"), "Set Picture…");
  pick_file (png);
  wait_until (avatar_has_picture, avatar);
  stored = stored_picture (f, ann);
  g_assert_true (g_str_has_prefix (stored, pictures));
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));

  choose (open_menu (profile, "Set Picture…"), "Set Picture…");
  pick_file (text);
  wait_until (label_shown, refused);
  removed = stored_picture (f, ann);
  g_assert_cmpstr (removed, ==, stored);
  g_clear_pointer (&removed, g_free);

  choose (open_menu (profile, "Remove Picture"), "Remove Picture");
  wait_until (avatar_has_no_picture, avatar);
  removed = stored_picture (f, ann);
  g_assert_null (removed);

  wait_until (undo_settled, undo);
  click (undo[1]);
  wait_until (avatar_has_picture, avatar);
  restored = stored_picture (f, ann);
  g_assert_cmpstr (restored, ==, stored);

  kith_test_rm_rf (dir);
}

/* A list row's text on screen that starts with @data */
static gboolean
is_inscription_starting (GtkWidget     *widget,
                         gconstpointer  data)
{
  return KITH_IS_LIST_TEXT (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (kith_list_text_get_text (KITH_LIST_TEXT (widget)), data);
}

/* For wait_until (): the list args[0] shows a text starting with args[1] */
static gboolean
list_shows_text (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_inscription_starting, args[1]) != NULL;
}

/* The list of Deals shows each deal's value in its currency, under its name */
static void
test_deal_value_in_list (Fixture       *f,
                         gconstpointer  data)
{
  KithListPage *deals;
  gpointer value[] = { NULL, (gpointer) "$500,000 · Corner lot" };
  gpointer bare[] = { NULL, (gpointer) "€1,250.50" };

  seed_record (f->t, KITH_RECORD_PROJECT,
               "{\"name\": \"Harbour loft\", \"value\": 500000, \"currency\": \"USD\", \"summary\": \"Corner lot\"}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Mill house\", \"value\": 1250.5, \"currency\": \"EUR\"}");

  go_to_page (f->window, "projects");
  deals = list_page (f->window, KITH_RECORD_PROJECT);
  value[0] = bare[0] = deals;
  wait_until (list_shows_text, value);
  wait_until (list_shows_text, bare);
}

/* What the store's "changed" has reported: how many times, and the records it named */
typedef struct {
  guint       writes;
  GHashTable *ids;
  GString    *named;
  gint64      awaited;
} Writes;

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     Writes           *w)
{
  g_autoptr(GArray) ids = kith_store_changes_dup_ids (changes);

  w->writes++;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      g_hash_table_add (w->ids, g_memdup2 (&id, sizeof id));
      g_string_append_printf (w->named, " %" G_GINT64_FORMAT, id);
    }
}

/* For wait_until (): the store has reported the write of record args->awaited */
static gboolean
awaited_reported (gpointer data)
{
  Writes *w = data;

  return g_hash_table_contains (w->ids, &w->awaited);
}

static gboolean
no_writes (gpointer data)
{
  Writes *w = data;

  if (w->writes > 0)
    g_printerr ("The store reported a write, of records%s\n", w->named->str);
  return w->writes == 0;
}

/* Opens the person @name with a click on their row in the company's people */
static void
open_person (Fixture    *f,
             const char *name)
{
  gpointer shows[] = { profile_page (f->window), (gpointer) name };
  GtkWidget *row = profile_row (f, KITH_TYPE_COMPANY_PERSON_ROW, name);

  scroll_into_view (row);
  click (row);
  wait_until (profile_shows, shows);
}

/* Opening a person, from the list of People or from their company's people, and going back to
 * the company, only reads: the store reports no change */
static void
test_open_writes_nothing (Fixture       *f,
                          gconstpointer  data)
{
  gpointer ann[] = { f, (gpointer) "Ann Lee" };
  gpointer shows_acme[] = { profile_page (f->window), (gpointer) "Acme" };
  Writes w = { 0, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL), g_string_new (NULL), 0 };
  GtkWidget *button;
  GtkWidget *notes;

  g_signal_connect (f->t->store, "changed", G_CALLBACK (on_store_changed_cb), &w);
  seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"], \"segment\": \"customer\","
               " \"stage\": \"current\", \"keywords\": [\"vip\"], \"notes\": \"Pays late\", \"private\": true,"
               " \"urls\": [{\"value\": \"https://acme.com\"}], \"addresses\": [{\"street\": \"1 Main St\", \"city\": \"Springfield\"}]}");
  seed_record (f->t, KITH_RECORD_PERSON,
               "{\"name\": \"Ann Lee\", \"first\": \"Ann\", \"last\": \"Lee\", \"headline\": \"Buyer\", \"company\": \"Acme\","
               " \"emails\": [\"ann@acme.com\"], \"phones\": [{\"value\": \"+1 415 555 0199\", \"work\": true}],"
               " \"segment\": \"customer\", \"stage\": \"lead\", \"keywords\": [\"tea\"], \"notes\": \"Likes tea\\n\","
               " \"leadSource\": \"Fair\", \"twitter\": \"annlee\","
               " \"addresses\": [{\"street\": \"2 Elm St\", \"city\": \"Springfield\", \"home\": true}],"
               " \"appLinks\": [{\"source\": \"org.example.app\", \"uniqueid\": \"1\", \"label\": \"Card\", \"url\": \"https://example.org/1\"}]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Ray\", \"company\": \"Acme\", \"emails\": [\"bob@acme.com\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Cat Poe\", \"notes\": \"Met at the fair\"}");
  /* Nothing writes but the window: once the last record seeded is reported, any change that
   * follows is the window's */
  w.awaited = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Zed\"}");
  wait_until (awaited_reported, &w);
  w.writes = 0;
  g_string_truncate (w.named, 0);

  open_from_list (f->window, KITH_RECORD_PERSON, "Cat Poe");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ann Lee");
  assert_holds_for (no_writes, &w, 500, "opening from People writes nothing");

  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme");
  wait_until (person_row_shown, ann);
  open_person (f, "Ann Lee");
  assert_holds_for (no_writes, &w, 500, "opening from a company's people writes nothing");

  /* and back through the person's company button */
  button = find_where (GTK_WIDGET (profile_page (f->window)), is_labelled_button, "Acme");
  g_assert_nonnull (button);
  wait_until (is_mapped, button);
  click_when_still (button);
  wait_until (profile_shows, shows_acme);
  wait_until (person_row_shown, ann);
  assert_holds_for (no_writes, &w, 500, "going back to the company writes nothing");

  /* The keyboard in the company's notes, nothing typed, as a person is opened */
  notes = find_widget (GTK_WIDGET (profile_page (f->window)), GTK_TYPE_TEXT_VIEW, NULL);
  scroll_into_view (notes);
  click (notes);
  wait_until (has_focus_within, notes);
  open_person (f, "Ann Lee");
  assert_holds_for (no_writes, &w, 500, "leaving notes unchanged writes nothing");

  g_signal_handlers_disconnect_by_func (f->t->store, on_store_changed_cb, &w);
  g_hash_table_unref (w.ids);
  g_string_free (w.named, TRUE);
}


int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/company-people/listed", Fixture, NULL, fixture_set_up, test_people_listed, fixture_tear_down);
  g_test_add ("/company-people/add", Fixture, NULL, fixture_set_up, test_add_person, fixture_tear_down);
  g_test_add ("/company-people/remove-and-undo", Fixture, NULL, fixture_set_up, test_remove_and_undo,
              fixture_tear_down);
  g_test_add ("/company-people/picture", Fixture, NULL, fixture_set_up, test_picture, fixture_tear_down);
  g_test_add ("/company-people/deal-value-in-list", Fixture, NULL, fixture_set_up, test_deal_value_in_list,
              fixture_tear_down);
  g_test_add ("/company-people/open-writes-nothing", Fixture, NULL, fixture_set_up, test_open_writes_nothing,
              fixture_tear_down);

  return g_test_run ();
}
