/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A deal's profile, driven as a user does (real clicks and key presses through the X server,
 * under Xvfb) over a store in a temporary data dir: its value in its currency, its people; and a
 * person's deals. A property's address: test-structured-fields.c.
 */

#include <adwaita.h>

#include "kith-deal-person-row.h"
#include "kith-profile-page.h"
#include "kith-record-deal-row.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* For wait_until (): args[0], a fixture, shows in its profile the entry row titled args[1] with
 * the text args[2] */
static gboolean
field_shows (gpointer data)
{
  gpointer *args = data;
  KithProfilePage *profile = profile_page (((Fixture *) args[0])->window);
  GtkWidget *row = find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, args[1]);

  return row != NULL && is_mapped (row) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), args[2]) == 0;
}

static GtkWidget *
field (Fixture    *f,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* For wait_until (): the profile args[0] shows a deal saved with the value args[1] */
static gboolean
deal_saved_with_value (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return KITH_IS_DEAL (record) && !kith_record_has_changes (record) &&
         kith_deal_get_value (KITH_DEAL (record)) == *(double *) args[1];
}

/* A deal's value shows in its currency, grouped in thousands, without cents it does not have;
 * typed as it shows, it is read back as the same amount */
static void
test_value (Fixture       *f,
            gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PROJECT,
                           "{\"name\": \"Harbour loft\", \"value\": 500000, \"currency\": \"USD\"}");
  gpointer shows[] = { f, (gpointer) "Value", (gpointer) "$500,000" };
  gpointer typed[] = { f, (gpointer) "Value", (gpointer) "$612,500.25" };
  double value = 612500.25;
  gpointer saved[] = { profile, &value };
  g_autoptr(KithRecord) record = NULL;

  open_from_list (f->window, KITH_RECORD_PROJECT, "Harbour loft");
  wait_until (field_shows, shows);

  type_into (field (f, "Value"), "$612,500.25");
  press_keys ("Return");
  wait_until (deal_saved_with_value, saved);
  wait_until (field_shows, typed);

  record = stored_record (f->t->store, id);
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (record)), ==, 612500.25);
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

/* For wait_until (): args[0], a fixture, shows a row of the deal's people titled args[1] */
static gboolean
person_row_shown (gpointer data)
{
  gpointer *args = data;

  return profile_row (args[0], KITH_TYPE_DEAL_PERSON_ROW, args[1]) != NULL;
}

/* For wait_until (): args[0], a fixture, shows a row of the person's deals titled args[1] */
static gboolean
deal_row_shown (gpointer data)
{
  gpointer *args = data;

  return profile_row (args[0], KITH_TYPE_RECORD_DEAL_ROW, args[1]) != NULL;
}

static gboolean
person_row_gone (gpointer data)
{
  return !person_row_shown (data);
}

/* Opens the deal named @deal from the list of Deals and waits until the row of its person
 * @name shows */
static GtkWidget *
open_deal_at (Fixture    *f,
              const char *deal,
              const char *name)
{
  gpointer shown[] = { f, (gpointer) name };
  GtkWidget *row;

  open_from_list (f->window, KITH_RECORD_PROJECT, deal);
  wait_until (person_row_shown, shown);
  row = profile_row (f, KITH_TYPE_DEAL_PERSON_ROW, name);
  scroll_into_view (row);
  return row;
}

/* The participants of deal @id as the store has them: their ids, participants then team */
static GArray *
stored_participants (Fixture *f,
                     gint64   id)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, id);
  GListModel *participants = kith_deal_get_participants (KITH_DEAL (record));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(KithDealParticipant) p = g_list_model_get_item (participants, i);
      gint64 pid = kith_deal_participant_get_id (p);

      g_array_append_val (ids, pid);
    }
  return ids;
}

/* A deal's participants and team show with their role; a click on one opens them */
static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  gint64 bob = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Agent\", \"emails\": [\"bob@realty.example\"]}");
  gint64 deal = seed_record (f->t, KITH_RECORD_PROJECT,
                             "{\"name\": \"Harbour loft\", \"summary\": \"Two-bed loft with a view of the harbour\", "
                             "\"value\": 500000, \"currency\": \"USD\", "
                             "\"address\": {\"street\": \"4 Quay Street\", \"city\": \"Portsmouth\"}, "
                             "\"participants\": [\"ada@example.com\"], \"dealTeam\": [\"bob@realty.example\"]}");
  gpointer shows_ada[] = { profile, (gpointer) "Ada Lovelace" };
  GtkWidget *row;

  g_assert_cmpint (ada, >, 0);
  g_assert_cmpint (bob, >, 0);
  g_assert_cmpint (deal, >, 0);
  row = open_deal_at (f, "Harbour loft", "Ada Lovelace");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Participant");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (profile_row (f, KITH_TYPE_DEAL_PERSON_ROW, "Bob Agent"))),
                   ==, "Deal Team");
  save_png (GTK_WIDGET (f->window), "deal-profile.png");

  click (row);
  wait_until (profile_shows, shows_ada);
}

/* For wait_until (): the profile's row for adding a participant, args[0] a fixture, is titled
 * args[1] */
static gboolean
add_row_titled (gpointer data)
{
  gpointer *args = data;

  return profile_row (args[0], ADW_TYPE_ENTRY_ROW, args[1]) != NULL;
}

/* A participant added by typing their email shows and is written; an email the store does not
 * know is refused with the store's reason, under the row, the email kept */
static void
test_add_participant (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  gint64 grace = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.mil\"]}");
  gint64 deal = seed_record (f->t, KITH_RECORD_PROJECT,
                             "{\"name\": \"Harbour loft\", \"participants\": [\"ada@example.com\"]}");
  const char *refusal = "The participant “nobody@nowhere.example” is not a known person or company";
  gpointer grace_shown[] = { f, (gpointer) "Grace Hopper" };
  gpointer refused[] = { profile_page (f->window), (gpointer) refusal };
  gpointer emptied[] = { f, (gpointer) "Add Participant by Email" };
  g_autoptr(GArray) ids = NULL;
  GtkWidget *add;

  open_deal_at (f, "Harbour loft", "Ada Lovelace");
  add = profile_row (f, ADW_TYPE_ENTRY_ROW, "Add Participant by Email");
  scroll_into_view (add);
  click (add);
  type_text ("grace@navy.mil");
  press_keys ("Return");
  wait_until (person_row_shown, grace_shown);
  wait_until (add_row_titled, emptied);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");

  ids = stored_participants (f, deal);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, ada);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, grace);
  g_clear_pointer (&ids, g_array_unref);

  type_text ("nobody@nowhere.example");
  press_keys ("Return");
  wait_until (label_shown, refused);
  g_assert_true (gtk_widget_has_css_class (add, "error"));
  g_assert_true (add_row_titled (emptied));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "nobody@nowhere.example");
  ids = stored_participants (f, deal);
  g_assert_cmpuint (ids->len, ==, 2);
}

/* A participant removed with the row's button goes from the deal and the store; Undo on the
 * toast brings them back */
static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  gint64 deal = seed_record (f->t, KITH_RECORD_PROJECT,
                             "{\"name\": \"Harbour loft\", \"participants\": [\"ada@example.com\"]}");
  gpointer ada_shown[] = { f, (gpointer) "Ada Lovelace" };
  gpointer undo[] = { f->window, (gpointer) "Undo" };
  g_autoptr(GArray) ids = NULL;
  GtkWidget *row = open_deal_at (f, "Harbour loft", "Ada Lovelace");

  click (find_widget (row, GTK_TYPE_BUTTON, NULL));
  wait_until (person_row_gone, ada_shown);
  /* The toast comes once the deal is written without them */
  wait_until (label_shown, undo);
  ids = stored_participants (f, deal);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  click_undo (f->window);
  wait_until (person_row_shown, ada_shown);
  ids = stored_participants (f, deal);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, ada);
}

/* A person's profile lists the deals they take part in, with the value; a click opens the deal */
static void
test_person_deals (Fixture       *f,
                   gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  gint64 deal = seed_record (f->t, KITH_RECORD_PROJECT,
                             "{\"name\": \"Harbour loft\", \"value\": 500000, \"currency\": \"USD\", "
                             "\"dealTeam\": [\"ada@example.com\"]}");
  gpointer deal_row[] = { f, (gpointer) "Harbour loft" };
  gpointer shows_deal[] = { profile, (gpointer) "Harbour loft" };
  GtkWidget *row;

  g_assert_cmpint (ada, >, 0);
  g_assert_cmpint (deal, >, 0);
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (deal_row_shown, deal_row);
  row = profile_row (f, KITH_TYPE_RECORD_DEAL_ROW, "Harbour loft");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "$500,000");
  scroll_into_view (row);
  save_png (GTK_WIDGET (f->window), "person-deals.png");

  click (row);
  wait_until (profile_shows, shows_deal);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/deal-profile/value", Fixture, NULL, window_fixture_set_up, test_value, window_fixture_tear_down);
  g_test_add ("/deal-profile/people", Fixture, NULL, window_fixture_set_up, test_people, window_fixture_tear_down);
  g_test_add ("/deal-profile/add-participant", Fixture, NULL, window_fixture_set_up, test_add_participant, window_fixture_tear_down);
  g_test_add ("/deal-profile/remove-and-undo", Fixture, NULL, window_fixture_set_up, test_remove_and_undo, window_fixture_tear_down);
  g_test_add ("/deal-profile/person-deals", Fixture, NULL, window_fixture_set_up, test_person_deals, window_fixture_tear_down);

  return g_test_run ();
}
