/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A profile's timeline as a user meets it: emails of one thread folded into one row, calls
 * with their length and outcome, the open to-dos; a note typed in and a call logged from the
 * form appear as one more row, and the rows already there stay. A long timeline shows its
 * newest page, and the rest as the user goes down to its end.
 */

#include <adwaita.h>

#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-timeline.h"

typedef TimelineFixture Fixture;

/* The first mapped text field under @root */
static GtkWidget *
find_mapped_text (GtkWidget *root)
{
  if (GTK_IS_TEXT (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_text (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
log_call_shown (gpointer data)
{
  GtkWidget *label = find_widget (data, GTK_TYPE_LABEL, "Log Call");

  return label != NULL && is_mapped (label);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->bob = seed_bob (f->t);
  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"bob@client.example\", \"subject\": \"Survey\", "
                          "\"date\": \"2026-11-20T10:00:00Z\", \"threadid\": \"<s1@client.example>\", "
                          "\"direction\": \"inbound\", \"body\": \"Damp in the cellar\"}");
  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"bob@client.example\", \"subject\": \"Re: Survey\", "
                          "\"date\": \"2026-11-21T10:00:00Z\", \"threadid\": \"<s1@client.example>\", "
                          "\"direction\": \"inbound\", \"body\": \"And the roof\"}");
  seed_add (f->t, "item", "{\"style\": \"call\", \"subject\": \"The offer\", \"date\": \"2026-11-19T10:00:00Z\", "
                          "\"duration\": 600, \"outcome\": \"leftvm\", \"direction\": \"outbound\", "
                          "\"participants\": [\"bob@client.example\"]}");
  seed_add (f->t, "todo", "{\"subject\": \"Send the survey to the lender\", \"when\": \"2026-12-02\", "
                          "\"participants\": [\"bob@client.example\"]}");
  seed_add (f->t, "todo", "{\"subject\": \"Ask about the garden\", \"when\": \"someday\", "
                          "\"participants\": [\"bob@client.example\"]}");
  seed_add (f->t, "todo", "{\"subject\": \"Book the surveyor\", \"when\": \"2026-12-03T15:00\", "
                          "\"participants\": [\"bob@client.example\"]}");
  present_timeline (f);
}

/* More notes than the first page holds (200): note 0 the oldest, a minute apart */
#define N_NOTES 250

static gpointer
add_notes_job (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"style\": \"note\", \"subject\": \"Note %03u\", "
                                               "\"date\": %" G_GINT64_FORMAT ", "
                                               "\"references\": [\"bob@client.example\"]}",
                                               i, G_GINT64_CONSTANT (1795435200000) + i * 60000);

      kith_test_add (data, "item", json);
    }
  return NULL;
}

static void
fixture_set_up_long (Fixture       *f,
                     gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->bob = seed_bob (f->t);
  on_worker (f->t->store, add_notes_job, f->t);
  present_timeline (f);
}

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

/* What the timeline shows of what is on it */
static void
test_shows (Fixture       *f,
            gconstpointer  data)
{
  Wanted thread = { f, "Re: Survey" }, call = { f, "The offer" }, todo = { f, "Send the survey to the lender" };
  Wanted someday = { f, "Ask about the garden" }, timed = { f, "Book the surveyor" };
  GtkWidget *row;

  wait_until (shows_row, &thread);
  row = find_row (GTK_WIDGET (f->view), "Re: Survey");
  g_assert_true (KITH_IS_TIMELINE_THREAD_ROW (row));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "2 messages");

  wait_until (shows_row, &call);
  row = find_row (GTK_WIDGET (f->view), "The offer");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "10 min · left voicemail"));

  wait_until (shows_row, &todo);
  row = find_row (GTK_WIDGET (f->view), "Send the survey to the lender");
  /* The day as the Agenda says it, with its year when that is not this one */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, this_year () == 2026 ? "Wed 2 Dec" : "Wed 2 Dec 2026");
  /* The to-dos are the Agenda's KithTodos */
  g_assert_true (KITH_IS_TODO_ROW (row));
  {
    g_autoptr(KithTodo) shown = NULL;

    g_object_get (row, "todo", &shown, NULL);
    g_assert_cmpstr (kith_todo_get_due (shown), ==, "2026-12-02");
  }

  wait_until (shows_row, &someday);
  row = find_row (GTK_WIDGET (f->view), "Ask about the garden");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Someday");

  /* A to-do due at a time of day says it */
  wait_until (shows_row, &timed);
  row = find_row (GTK_WIDGET (f->view), "Book the surveyor");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   this_year () == 2026 ? "Thu 3 Dec, 15:00" : "Thu 3 Dec 2026, 15:00");
}

/* A note typed in, then a call logged from the form: each one more row, the others stay */
static void
test_add_note_and_call (Fixture       *f,
                        gconstpointer  data)
{
  Wanted thread = { f, "Re: Survey" }, note = { f, "Prefers calls after six" }, call = { f, "Viewing feedback" };
  GtkWidget *entry, *button, *thread_row;

  wait_until (shows_row, &thread);
  thread_row = find_row (GTK_WIDGET (f->view), "Re: Survey");
  g_object_add_weak_pointer (G_OBJECT (thread_row), (gpointer *) &thread_row);

  /* The note field: the only one on screen until the call form opens */
  entry = find_mapped_text (GTK_WIDGET (f->view));
  g_assert_nonnull (entry);
  click (entry);
  type_text ("Prefers calls after six");
  press_keys ("Return");
  wait_until (shows_row, &note);
  g_assert_true (thread_row == find_row (GTK_WIDGET (f->view), "Re: Survey"));
  /* The note says it once: its title, not again under it */
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (f->view), "Prefers calls after six"))),
                         "Prefers calls"));

  button = shown_with_tooltip (f->view, "Log a Call");
  g_assert_nonnull (button);
  click (button);
  wait_until (log_call_shown, button);
  type_text ("Viewing feedback");
  click (find_widget (button, GTK_TYPE_LABEL, "Log Call"));
  wait_until (shows_row, &call);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (f->view), "Viewing feedback"))),
                            "5 min · connected"));
  g_assert_true (thread_row == find_row (GTK_WIDGET (f->view), "Re: Survey"));
  g_object_remove_weak_pointer (G_OBJECT (thread_row), (gpointer *) &thread_row);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* 250 items: the newest 200 show; End on the keyboard goes to the last of them, which reads
 * the rest, and End again to the oldest. Then nothing is loading */
static void
test_scroll_to_oldest (Fixture       *f,
                       gconstpointer  data)
{
  Wanted newest = { f, "Note 249" }, end_of_page = { f, "Note 050" }, oldest = { f, "Note 000" };
  GtkWidget *spinner = find_widget (GTK_WIDGET (f->view), GTK_TYPE_SPINNER, NULL);
  GtkWidget *row;

  wait_until (shows_row, &newest);
  wait_until (shows_row, &end_of_page);
  g_assert_null (find_row (GTK_WIDGET (f->view), "Note 049"));
  wait_until (is_mapped, spinner);
  g_assert_false (in_view (spinner));

  row = find_row (GTK_WIDGET (f->view), "Note 249");
  click (row);
  wait_until (has_focus_within, row);
  press_keys ("End");
  wait_until (shows_row, &oldest);

  /* Laid out before it is gone to */
  row = find_row (GTK_WIDGET (f->view), "Note 000");
  wait_until (is_mapped, row);
  press_keys ("End");
  wait_until (has_focus_within, row);
  wait_until (in_view, row);
  wait_until (is_unmapped, spinner);
}

typedef struct {
  Fixture    *f;
  const char *subject;
} Stored;

/* Whether Bob's timeline in the store has an item with this subject */
static gpointer
has_item_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  Stored *stored = data;
  g_autoptr(JsonArray) items = kith_test_get_timeline (store, stored->f->bob, 0, 50, NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (kith_json_get_string (json_array_get_object_element (items, i), "subject"), stored->subject) == 0)
      return GINT_TO_POINTER (TRUE);

  return GINT_TO_POINTER (FALSE);
}

/* A call deleted from its menu goes at once, from the timeline and the store; Undo in the
 * toast brings it back */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  Wanted call = { f, "The offer" };
  Stored stored = { f, "The offer" };

  wait_until (shows_row, &call);
  /* A captured email has no such menu */
  g_assert_null (shown_with_tooltip (f->view, "More for “Re: Survey”"));
  choose_from_menu (f, "The offer", "Delete");

  wait_until (lacks_row, &call);
  g_assert_false (GPOINTER_TO_INT (on_worker (f->t->store, has_item_job, &stored)));

  click_undo (f->window);
  wait_until (shows_row, &call);
  g_assert_true (GPOINTER_TO_INT (on_worker (f->t->store, has_item_job, &stored)));
}

static gboolean
text_is (gpointer data)
{
  gpointer *args = data;

  return args[0] != NULL && g_strcmp0 (gtk_editable_get_text (args[0]), args[1]) == 0;
}

/* Edit on a note's menu puts its text in the note field; what is typed there then replaces it,
 * on the timeline and in the store, instead of adding a note */
static void
test_edit_note (Fixture       *f,
                gconstpointer  data)
{
  Wanted before = { f, "Likes the garden" }, after = { f, "Likes the roses" };
  Stored old_text = { f, "Likes the garden" }, new_text = { f, "Likes the roses" };
  gpointer filled[] = { NULL, (gpointer) "Likes the garden" };

  seed_add (f->t, "item", "{\"style\": \"note\", \"subject\": \"Likes the garden\", \"body\": \"Likes the garden\", "
                          "\"date\": \"2026-11-18T10:00:00Z\", \"references\": [\"bob@client.example\"]}");
  wait_until (shows_row, &before);
  choose_from_menu (f, "Likes the garden", "Edit");

  filled[0] = find_mapped_text (GTK_WIDGET (f->view));
  wait_until (text_is, filled);
  press_keys ("ctrl+a");
  type_text ("Likes the roses");
  press_keys ("Return");

  wait_until (shows_row, &after);
  wait_until (lacks_row, &before);
  g_assert_true (GPOINTER_TO_INT (on_worker (f->t->store, has_item_job, &new_text)));
  g_assert_false (GPOINTER_TO_INT (on_worker (f->t->store, has_item_job, &old_text)));
}

/* The first mapped text field under @root that holds @text */
static GtkWidget *
find_text_holding (GtkWidget  *root,
                   const char *text)
{
  if (GTK_IS_TEXT (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text_holding (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_text (gpointer data)
{
  gpointer *args = data;

  return find_text_holding (args[0], args[1]) != NULL;
}

/* Edit on a call's menu opens the call's form filled in; saving it renames the call and keeps
 * its length and outcome, in the store too */
static void
test_edit_call (Fixture       *f,
                gconstpointer  data)
{
  Wanted before = { f, "The offer" }, after = { f, "The counter-offer" };
  Stored new_subject = { f, "The counter-offer" };
  gpointer filled[] = { NULL, (gpointer) "The offer" };

  wait_until (shows_row, &before);
  choose_from_menu (f, "The offer", "Edit");
  wait_until (item_dialog_shown, NULL);
  filled[0] = active_item_dialog ();
  wait_until (shows_text, filled);

  /* The keyboard starts in its subject */
  wait_until (has_focus_within, find_text_holding (filled[0], "The offer"));
  press_keys ("ctrl+a");
  type_text ("The counter-offer");
  press_keys ("ctrl+Return");

  wait_until (item_dialog_gone, NULL);
  wait_until (shows_row, &after);
  wait_until (lacks_row, &before);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (f->view), "The counter-offer"))),
                            "10 min · left voicemail"));
  g_assert_true (GPOINTER_TO_INT (on_worker (f->t->store, has_item_job, &new_subject)));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/timeline/shows", Fixture, NULL, fixture_set_up, test_shows, timeline_fixture_tear_down);
  g_test_add ("/timeline/add-note-and-call", Fixture, NULL, fixture_set_up, test_add_note_and_call, timeline_fixture_tear_down);
  g_test_add ("/timeline/edit-note", Fixture, NULL, fixture_set_up, test_edit_note, timeline_fixture_tear_down);
  g_test_add ("/timeline/edit-call", Fixture, NULL, fixture_set_up, test_edit_call, timeline_fixture_tear_down);
  g_test_add ("/timeline/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, timeline_fixture_tear_down);
  g_test_add ("/timeline/scroll-to-oldest", Fixture, NULL, fixture_set_up_long, test_scroll_to_oldest, timeline_fixture_tear_down);

  return g_test_run ();
}
