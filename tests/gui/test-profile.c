/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The profile page, driven as a user does: real clicks and key presses through the X server
 * (xdotool), on the real window over a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-list-page.h"
#include "kith-profile-page.h"
#include "kith-relationship-editor.h"
#include "kith-structured-row.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* The profile's field titled @title */
static GtkWidget *
field (Fixture    *f,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* For wait_until (): args[0], a fixture, shows the field titled args[1] */
static gboolean
field_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (((Fixture *) args[0])->window)), ADW_TYPE_ENTRY_ROW, args[1]);

  return row != NULL && is_mapped (row);
}

static const char *
field_text (Fixture    *f,
            const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (f, title)));
}

/* Where the keyboard is: the profile field holding the focus, or NULL */
static GtkWidget *
focused_field (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) : NULL;
}

static gboolean
focus_is_in (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = focused_field (args[0]);

  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), args[1]) == 0;
}

static void
assert_nothing_selected (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  if (focus != NULL && GTK_IS_EDITABLE (focus))
    g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL));
}

/* The record as the store has it, read on the store's worker */
static KithRecord *
stored (Fixture *f,
        gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithRecord *record;

  kith_store_get_record_async (f->t->store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (f->t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return record;
}

/* For wait_until (): the profile args[0] shows args[1] as the headline, saved */
static gboolean
profile_has_headline (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return KITH_IS_PERSON (record) && !kith_record_has_changes (record) &&
         g_strcmp0 (kith_person_get_headline (KITH_PERSON (record)), args[1]) == 0;
}

/* For wait_until (): the profile data has a change applied, not yet written */
static gboolean
profile_is_saving (gpointer data)
{
  KithRecord *record = kith_profile_page_get_record (data);

  return record != NULL && kith_record_has_changes (record);
}

static const char *
first_email (KithRecord *record)
{
  g_autoptr(KithRecordEntry) entry = g_list_model_get_item (kith_record_get_list (record, KITH_RECORD_EMAILS), 0);

  return entry != NULL ? kith_record_entry_get_value (entry) : NULL;
}

/* Enter saves the field the user is in; the keyboard stays there, and what is typed next goes
 * there too — not into the name */
static void
test_enter_keeps_focus (Fixture       *f,
                        gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON,
                           "{\"name\": \"Ada Lovelace\", \"headline\": \"Mathematician\", "
                           "\"company\": \"Analytical Engines\", \"emails\": [\"ada@acme.com\"], "
                           "\"phones\": [\"+1 202 555 0100\"]}");
  gpointer in_headline[] = { f, (gpointer) "Headline" };
  gpointer saved_once[] = { profile, (gpointer) "Mathematician and writer" };
  gpointer saved_twice[] = { profile, (gpointer) "Mathematician and writer too" };
  g_autoptr(KithRecord) after = NULL;
  g_autoptr(KithRecord) last = NULL;

  /* The first profile opened after launch, with a click in the list */
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (field_shown, in_headline);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_null (focused_field (f));
  assert_nothing_selected (f);

  /* Into the headline, at its end; Enter saves it */
  click (field (f, "Headline"));
  wait_until (focus_is_in, in_headline);
  press_keys ("End");
  type_text (" and writer");
  press_keys ("Return");
  wait_until (profile_has_headline, saved_once);
  after = stored (f, id);
  g_assert_cmpstr (kith_person_get_headline (KITH_PERSON (after)), ==, "Mathematician and writer");
  g_assert_cmpstr (kith_record_get_name (after), ==, "Ada Lovelace");

  /* The page shows what was saved; the keyboard is still in the headline, nothing selected */
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_is_in (in_headline));
  assert_nothing_selected (f);

  /* What is typed next goes on where the user was */
  type_text (" too");
  press_keys ("Return");
  wait_until (profile_has_headline, saved_twice);
  last = stored (f, id);
  g_assert_cmpstr (kith_person_get_headline (KITH_PERSON (last)), ==, "Mathematician and writer too");
  g_assert_cmpstr (kith_record_get_name (last), ==, "Ada Lovelace");
  g_assert_cmpstr (kith_person_get_company (KITH_PERSON (last)), ==, "Analytical Engines");
  g_assert_cmpstr (first_email (last), ==, "ada@acme.com");
  g_assert_cmpuint (g_list_model_get_n_items (kith_record_get_list (last, KITH_RECORD_PHONES)), ==, 1);

  /* And every field shows the same */
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_cmpstr (field_text (f, "Name"), ==, "Ada Lovelace");
  g_assert_cmpstr (field_text (f, "Company"), ==, "Analytical Engines");
  g_assert_true (focus_is_in (in_headline));
  assert_nothing_selected (f);
}

static gboolean
profile_has_n_emails (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return record != NULL && !kith_record_has_changes (record) &&
         g_list_model_get_n_items (kith_record_get_list (record, KITH_RECORD_EMAILS)) == GPOINTER_TO_UINT (args[1]);
}

/* Enter in "Add Email" adds the address as a field of its own; the keyboard stays in "Add
 * Email", empty, for the next one */
static void
test_add_email_keeps_focus (Fixture       *f,
                            gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON,
                           "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer in_add[] = { f, (gpointer) "Add Email" };
  gpointer two[] = { profile, GUINT_TO_POINTER (2) };
  gpointer three[] = { profile, GUINT_TO_POINTER (3) };
  g_autoptr(KithRecord) record = NULL;
  GListModel *emails;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_add);

  click (field (f, "Add Email"));
  wait_until (focus_is_in, in_add);
  type_text ("ada@home.example");
  press_keys ("Return");
  wait_until (profile_has_n_emails, two);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_is_in (in_add));
  g_assert_cmpstr (field_text (f, "Add Email"), ==, "");

  type_text ("ada@work.example");
  press_keys ("Return");
  wait_until (profile_has_n_emails, three);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_is_in (in_add));
  assert_nothing_selected (f);

  record = stored (f, id);
  g_assert_cmpstr (kith_record_get_name (record), ==, "Ada Lovelace");
  emails = kith_record_get_list (record, KITH_RECORD_EMAILS);
  g_assert_cmpuint (g_list_model_get_n_items (emails), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const expected[] = { "ada@acme.com", "ada@home.example", "ada@work.example" };
      g_autoptr(KithRecordEntry) email = g_list_model_get_item (emails, i);

      g_assert_cmpstr (kith_record_entry_get_value (email), ==, expected[i]);
    }
  g_assert_cmpstr (field_text (f, "Name"), ==, "Ada Lovelace");
}

static gboolean
first_email_is (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  GListModel *emails = record != NULL && !kith_record_has_changes (record)
                       ? kith_record_get_list (record, KITH_RECORD_EMAILS) : NULL;
  g_autoptr(KithRecordEntry) email = emails != NULL ? g_list_model_get_item (emails, 0) : NULL;

  return email != NULL && g_strcmp0 (kith_record_entry_get_value (email), args[1]) == 0;
}

/* Each repeated detail has its row: an email titled "Email" with its label beside, edited in
 * place, and gone with its row when emptied, the keyboard then in "Add Email"; an address with its label and a
 * link to the map, app links with a link that opens when it is a web page */
static void
test_detail_rows (Fixture       *f,
                  gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON,
                                "{\"name\": \"Ada Lovelace\", \"emails\": [{\"value\": \"ada@acme.com\", \"work\": true}], "
                                "\"addresses\": [{\"street\": \"12 St James's Square\", \"city\": \"London\", \"home\": true}], "
                                "\"appLinks\": [{\"source\": \"Salesforce.com\", \"uniqueid\": \"006j\", \"label\": \"Salesforce\", "
                                "\"url\": \"https://example.my.salesforce.com/006j\"}, "
                                "{\"source\": \"crm.example\", \"uniqueid\": \"42\", \"url\": \"crm://42\"}]}");
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer work_email[] = { f, (gpointer) "Email" };
  gpointer in_work_email[] = { f, (gpointer) "Email" };
  gpointer in_add[] = { f, (gpointer) "Add Email" };
  gpointer edited[] = { profile, (gpointer) "ada@work.example" };
  gpointer none[] = { profile, GUINT_TO_POINTER (0) };
  g_autoptr(KithRecord) record = NULL;
  g_autoptr(KithRecordEntry) email = NULL;
  GtkWidget *row;
  GtkWidget *button;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  wait_until (field_shown, work_email);
  g_assert_cmpstr (field_text (f, "Email"), ==, "ada@acme.com");
  g_assert_nonnull (find_widget (field (f, "Email"), GTK_TYPE_LABEL, "Work"));

  row = find_widget (GTK_WIDGET (profile), KITH_TYPE_STRUCTURED_ROW, "12 St James's Square, London");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Home");
  g_assert_true (gtk_widget_get_visible (find_where (row, is_labelled_button, "Show on Map")));
  row = find_widget (GTK_WIDGET (profile), KITH_TYPE_STRUCTURED_ROW, "Salesforce");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "salesforce.com · 006j");
  g_assert_true (gtk_widget_get_visible (find_where (row, is_labelled_button, "Open")));
  row = find_widget (GTK_WIDGET (profile), KITH_TYPE_STRUCTURED_ROW, "crm.example");
  g_assert_nonnull (row);
  button = find_where (row, is_labelled_button, "Open");
  g_assert_true (button == NULL || !gtk_widget_get_visible (button));

  /* Edited in place: the label stays */
  scroll_into_view (field (f, "Email"));
  click (field (f, "Email"));
  wait_until (focus_is_in, in_work_email);
  press_keys ("ctrl+a");
  type_text ("ada@work.example");
  press_keys ("Return");
  wait_until (first_email_is, edited);
  record = stored (f, id);
  email = g_list_model_get_item (kith_record_get_list (record, KITH_RECORD_EMAILS), 0);
  g_assert_cmpstr (kith_record_entry_get_value (email), ==, "ada@work.example");
  g_assert_cmpstr (kith_record_entry_get_label (email), ==, "work");
  g_assert_cmpstr (field_text (f, "Email"), ==, "ada@work.example");
  g_assert_nonnull (find_widget (field (f, "Email"), GTK_TYPE_LABEL, "Work"));

  /* Emptied: gone, and the keyboard goes on in the row that adds one */
  press_keys ("ctrl+a");
  press_keys ("BackSpace");
  press_keys ("Return");
  wait_until (profile_has_n_emails, none);
  wait_until (focus_is_in, in_add);
  g_assert_null (find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, "Email"));
  g_clear_object (&record);
  record = stored (f, id);
  g_assert_cmpuint (g_list_model_get_n_items (kith_record_get_list (record, KITH_RECORD_EMAILS)), ==, 0);
}

static gboolean
custom_field_is (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_relationship_editor_get_record (args[0]);

  return record != NULL && !kith_record_has_changes (record) &&
         g_strcmp0 (kith_custom_value_get_value (kith_record_get_custom (record, "notes")), args[1]) == 0;
}

static gboolean
tags_are (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_relationship_editor_get_record (args[0]);
  g_auto(GStrv) tags = record != NULL && !kith_record_has_changes (record) ? kith_record_dup_keywords (record) : NULL;
  g_autofree char *joined = tags != NULL ? g_strjoinv (" ", tags) : NULL;

  return g_strcmp0 (joined, args[1]) == 0;
}

/* The profile's relationship part, built when it first shows a record */
static KithRelationshipEditor *
relationship_editor (Fixture *f)
{
  KithRelationshipEditor *editor = (gpointer) find_widget (GTK_WIDGET (profile_page (f->window)), KITH_TYPE_RELATIONSHIP_EDITOR, NULL);

  g_assert_nonnull (editor);
  return editor;
}

/* The field to add a tag */
static GtkWidget *
tag_entry (Fixture *f)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (relationship_editor (f)), GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
focus_in_tag_entry (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (((Fixture *) data)->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, tag_entry (data));
}

static gpointer
add_field_job (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  g_assert_cmpint (kith_fields_add (store, data, error), >, 0);
  return NULL;
}

/* Defines the custom field @definition, on the worker */
static void
add_field (Fixture             *f,
           KithFieldDefinition *definition)
{
  on_worker (f->t->store, add_field_job, definition);
}

/* The same in the relationship part: a custom field, and the field that adds tags */
static void
test_relationship_keeps_focus (Fixture       *f,
                               gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithRelationshipEditor *editor;
  g_autoptr(KithFieldDefinition) definition = kith_field_definition_new (KITH_RECORD_PERSON, "Notes", "text");
  gint64 id;
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer in_notes[] = { f, (gpointer) "Notes" };
  gpointer saved_once[] = { NULL, (gpointer) "Met at the fair in spring" };
  gpointer saved_twice[] = { NULL, (gpointer) "Met at the fair in spring again" };
  gpointer one_tag[] = { NULL, (gpointer) "vip" };
  gpointer two_tags[] = { NULL, (gpointer) "buyer vip" };
  g_autoptr(KithRecord) record = NULL;

  add_field (f, definition);
  id = seed_record (f->t, KITH_RECORD_PERSON,
                    "{\"name\": \"Ada Lovelace\", \"customFields\": [{\"id\": \"notes\", \"value\": \"Met at the fair\"}]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  editor = relationship_editor (f);
  saved_once[0] = editor;
  saved_twice[0] = editor;
  one_tag[0] = editor;
  two_tags[0] = editor;
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_notes);

  scroll_into_view (field (f, "Notes"));
  click (field (f, "Notes"));
  wait_until (focus_is_in, in_notes);
  press_keys ("End");
  type_text (" in spring");
  press_keys ("Return");
  wait_until (custom_field_is, saved_once);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_is_in (in_notes));
  assert_nothing_selected (f);

  type_text (" again");
  press_keys ("Return");
  wait_until (custom_field_is, saved_twice);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_is_in (in_notes));

  /* Tags: one after the other, without going back to the field */
  scroll_into_view (tag_entry (f));
  click (tag_entry (f));
  wait_until (focus_in_tag_entry, f);
  type_text ("vip");
  press_keys ("Return");
  wait_until (tags_are, one_tag);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (focus_in_tag_entry (f));
  type_text ("buyer");
  press_keys ("Return");
  wait_until (tags_are, two_tags);

  /* A tag's chip takes it off when clicked */
  wait_for_frames (GTK_WIDGET (f->window));
  {
    GtkWidget *label = find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, "buyer");
    GtkWidget *chip = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;

    g_assert_nonnull (chip);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (chip), ==, "Remove tag “buyer”");
    scroll_into_view (chip);
    click (chip);
    wait_until (tags_are, one_tag);
  }

  record = stored (f, id);
  g_assert_cmpstr (kith_record_get_name (record), ==, "Ada Lovelace");
  g_assert_cmpstr (field_text (f, "Name"), ==, "Ada Lovelace");
}

typedef struct {
  Fixture *f;
  gint64   id;
} Stored;

/* For wait_until (): the store has the headline the user typed */
static gboolean
headline_stored (gpointer data)
{
  Stored *stored_at = data;
  g_autoptr(KithRecord) record = stored (stored_at->f, stored_at->id);

  return g_strcmp0 (kith_person_get_headline (KITH_PERSON (record)), "Mathematician and writer") == 0;
}

/* A change the user saved is written, even when the window goes away at once */
static void
test_save_outlives_window (Fixture       *f,
                           gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"headline\": \"Mathematician\"}");
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer in_headline[] = { f, (gpointer) "Headline" };
  Stored stored_at = { f, id };
  Hold hold = { 0 };

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_headline);

  /* The store is busy (a long write elsewhere), so the save is still queued */
  click (field (f, "Headline"));
  wait_until (focus_is_in, in_headline);
  press_keys ("End");
  type_text (" and writer");
  hold_store (f->t->store, &hold);
  press_keys ("Return");
  wait_until (profile_is_saving, profile);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  release_store (f->t->store, &hold);

  wait_until (headline_stored, &stored_at);
}

/* For wait_until (): args[1], a widget, shows in args[0], a fixture's window, with a size */
static gboolean
shown_in (gpointer data)
{
  gpointer *args = data;
  GtkWidget *widget = find_widget (GTK_WIDGET (((Fixture *) args[0])->window), GTK_TYPE_LABEL, args[1]);

  return widget != NULL && is_mapped (widget);
}

/* For wait_until (): the editor args[0] shows the record saved on stage args[1] */
static gboolean
saved_on_stage (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_relationship_editor_get_record (args[0]);

  return record != NULL && !kith_record_has_changes (record) && g_strcmp0 (kith_record_get_stage (record), args[1]) == 0;
}

static gboolean
saved_with_step (gpointer data)
{
  KithRecord *record = kith_relationship_editor_get_record (data);

  return record != NULL && !kith_record_has_changes (record) && kith_record_get_step (record) != NULL;
}

static gpointer
audit_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  return kith_store_get_audit (store, *(gint64 *) data, 0, error);
}

/* The stage picked in its list shows its checklist; ticking the first step moves the record on,
 * and the audit log has both */
static void
test_stage_and_steps (Fixture       *f,
                      gconstpointer  data)
{
  KithRelationshipEditor *editor;
  gint64 id;
  gpointer lead_steps[] = { f, (gpointer) "Send welcome email" };
  gpointer hot[] = { f, (gpointer) "Hot" };
  gpointer hot_steps[] = { f, (gpointer) "Send matching listings" };
  gpointer on_future[] = { NULL, (gpointer) "future" };
  g_autoptr(GPtrArray) audit = NULL;
  gboolean stage_logged = FALSE, step_logged = FALSE;
  GtkWidget *row;

  apply_preset (f->t->store, "realestate");
  id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Buyer\", \"segment\": \"customer\"}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Buyer");
  editor = relationship_editor (f);
  on_future[0] = editor;

  /* Lead: the buyer steps of the Real estate preset */
  wait_until (shown_in, lead_steps);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Schedule buyer consultation"));

  /* "Hot" from the stage's list */
  row = find_widget (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Stage");
  scroll_into_view (row);
  click (row);
  wait_until (shown_in, hot);
  click (find_widget (row, GTK_TYPE_LABEL, "Hot"));
  wait_until (saved_on_stage, on_future);
  wait_until (shown_in, hot_steps);
  g_assert_null (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Send welcome email"));

  /* Ticking the first step: the second comes next */
  row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Send matching listings");
  scroll_into_view (row);
  click (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL));
  wait_until (saved_with_step, editor);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                                                                             "Schedule showings"))),
                   ==, "Next step · reminder after 3 days");

  audit = on_worker (f->t->store, audit_job, &id);
  for (guint i = 0; i < audit->len; i++)
    {
      KithAuditEntry *entry = g_ptr_array_index (audit, i);

      stage_logged |= g_str_equal (kith_audit_entry_get_field (entry), "stage") &&
                      g_strcmp0 (kith_audit_entry_get_after (entry), "future") == 0;
      step_logged |= g_str_equal (kith_audit_entry_get_field (entry), "step");
    }
  g_assert_true (stage_logged);
  g_assert_true (step_logged);
}

/* For find_where (): a label on screen whose text holds @data */
static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && is_mapped (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* The label on the profile of @row that says why what was typed there (@typed) was refused */
static GtkWidget *
refusal_label (GtkWidget  *row,
               const char *typed)
{
  return find_where (gtk_widget_get_ancestor (row, KITH_TYPE_PROFILE_PAGE), is_label_saying, typed);
}

/* For wait_until (): args[0], a row, is marked as refused, and under it a label says why what
 * was typed there, args[1], was refused; the row's title still names the field */
static gboolean
row_shows_error (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = refusal_label (args[0], args[1]);
  graphene_rect_t row_bounds, label_bounds;

  return gtk_widget_has_css_class (args[0], "error") && label != NULL &&
         strstr (adw_preferences_row_get_title (args[0]), args[1]) == NULL &&
         gtk_widget_compute_bounds (args[0], GTK_WIDGET (gtk_widget_get_root (args[0])), &row_bounds) &&
         gtk_widget_compute_bounds (label, GTK_WIDGET (gtk_widget_get_root (args[0])), &label_bounds) &&
         label_bounds.origin.y >= row_bounds.origin.y + row_bounds.size.height;
}

/* Types @typed into the field @title, shown, and Enter; waits for the field to show it refused */
static GtkWidget *
type_refused (Fixture    *f,
              const char *title,
              const char *typed)
{
  gpointer in_field[] = { f, (gpointer) title };
  gpointer refused[2];
  GtkWidget *row;

  wait_until (field_shown, in_field);
  row = field (f, title);
  scroll_into_view (row);
  click (row);
  wait_until (focus_is_in, in_field);
  type_text (typed);
  press_keys ("Return");
  refused[0] = row;
  refused[1] = (gpointer) typed;
  wait_until (row_shows_error, refused);
  return row;
}

/* A value a custom field refuses stays as typed, with the reason at the field; nothing is
 * written */
static void
test_custom_field_error (Fixture       *f,
                         gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithRelationshipEditor *editor;
  g_autoptr(KithFieldDefinition) definition = kith_field_definition_new (KITH_RECORD_PERSON, "Price", "currency");
  gpointer shows[] = { profile, (gpointer) "Buyer" };
  gpointer in_price[] = { f, (gpointer) "Price" };
  g_autoptr(KithRecord) record = NULL;
  gpointer refused[2];
  GtkWidget *row;
  gint64 id;

  add_field (f, definition);
  id = seed_record (f->t, KITH_RECORD_PERSON,
                    "{\"name\": \"Buyer\", \"customFields\": [{\"id\": \"price\", \"value\": 500000}]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Buyer");
  editor = relationship_editor (f);
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_price);

  row = field (f, "Price");
  scroll_into_view (row);
  click (row);
  wait_until (focus_is_in, in_price);
  press_keys ("ctrl+a");
  type_text ("a lot");
  press_keys ("Return");
  refused[0] = row;
  refused[1] = (gpointer) "a lot";
  wait_until (row_shows_error, refused);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "a lot");
  g_assert_false (kith_record_has_changes (kith_relationship_editor_get_record (editor)));

  /* Nothing was written */
  record = stored (f, id);
  g_assert_cmpstr (kith_custom_value_get_value (kith_record_get_custom (record, "price")), ==, "500000.00");
}

/* For wait_until (): the editor args[0] has saved custom field args[1] as args[2] (choices
 * joined by ", ") */
static gboolean
custom_saved_as (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_relationship_editor_get_record (args[0]);
  KithCustomValue *value = record != NULL ? kith_record_get_custom (record, args[1]) : NULL;
  const char * const *values = value != NULL ? kith_custom_value_get_values (value) : NULL;
  g_autofree char *joined = values != NULL && values[0] != NULL ? g_strjoinv (", ", (char **) values) : NULL;

  return value != NULL && !kith_record_has_changes (record) &&
         g_strcmp0 (joined != NULL ? joined : kith_custom_value_get_value (value), args[2]) == 0;
}

/* A choice ticked among a multi-pick's and another unticked, and one picked from a pick's list */
static void
test_pick_fields (Fixture       *f,
                  gconstpointer  data)
{
  KithRelationshipEditor *editor;
  g_autoptr(KithFieldDefinition) features =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Features", "field-type", "multipick",
                  "options", (const char *[]) { "Pool", "Garden", NULL }, NULL);
  g_autoptr(KithFieldDefinition) heating =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Heating", "field-type", "pick",
                  "options", (const char *[]) { "Gas", "Heat pump", NULL }, NULL);
  gpointer features_shown[] = { f, (gpointer) "Features" };
  gpointer pool_shown[] = { f, (gpointer) "Pool" };
  gpointer heat_pump_shown[] = { f, (gpointer) "Heat pump" };
  gpointer both[] = { NULL, (gpointer) "features", (gpointer) "Garden, Pool" };
  gpointer pool_only[] = { NULL, (gpointer) "features", (gpointer) "Pool" };
  gpointer heat_pump[] = { NULL, (gpointer) "heating", (gpointer) "Heat pump" };
  g_autoptr(KithRecord) record = NULL;
  GtkWidget *row;
  gint64 id;

  add_field (f, features);
  add_field (f, heating);
  id = seed_record (f->t, KITH_RECORD_PERSON,
                    "{\"name\": \"Buyer\", \"customFields\": [{\"id\": \"features\", \"value\": [\"Garden\"]}]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Buyer");
  editor = relationship_editor (f);
  both[0] = editor;
  pool_only[0] = editor;
  heat_pump[0] = editor;
  wait_until (shown_in, features_shown);

  row = find_widget (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW, "Features");
  scroll_into_view (row);
  click (row);
  wait_until (shown_in, pool_shown);
  row = find_widget (row, ADW_TYPE_ACTION_ROW, "Pool");
  scroll_into_view (row);
  /* Once the expander has opened: the choices slide in */
  click_when_still (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL));
  wait_until (custom_saved_as, both);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL))));
  row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Garden");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL))));

  /* Unticked, the other stays */
  scroll_into_view (row);
  click (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL));
  wait_until (custom_saved_as, pool_only);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL))));

  row = find_widget (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Heating");
  scroll_into_view (row);
  click (row);
  wait_until (shown_in, heat_pump_shown);
  click (find_widget (row, GTK_TYPE_LABEL, "Heat pump"));
  wait_until (custom_saved_as, heat_pump);

  record = stored (f, id);
  g_assert_cmpstrv (kith_custom_value_get_values (kith_record_get_custom (record, "features")),
                    ((const char * const []) { "Pool", NULL }));
  g_assert_cmpstr (kith_custom_value_get_value (kith_record_get_custom (record, "heating")), ==, "Heat pump");
}

/* A refused birthday keeps what was typed, with the reason at the field; the next record
 * shown has the field as it should be */
static void
test_refused_field (Fixture       *f,
                    gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gpointer shows_ada[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer shows_byron[] = { profile, (gpointer) "Byron" };
  g_autoptr(KithRecord) record = NULL;
  GtkWidget *row;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Byron\", \"birthday\": \"1788-01-22\"}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows_ada);
  row = type_refused (f, "Birthday", "someday");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "someday");
  record = stored (f, ada);
  g_assert_null (kith_person_get_birthday (KITH_PERSON (record)));

  open_from_list (f->window, KITH_RECORD_PERSON, "Byron");
  wait_until (profile_shows, shows_byron);
  g_assert_true (field (f, "Birthday") == row);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_null (refusal_label (row, "someday"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1788-01-22");
}

/* For wait_until (): the profile args[0] shows a deal saved with value args[1] */
static gboolean
deal_saved_with_value (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return KITH_IS_DEAL (record) && !kith_record_has_changes (record) &&
         kith_deal_get_value (KITH_DEAL (record)) == *(double *) args[1];
}

/* A deal's value typed in its field is saved as a number and shown in its currency */
static void
test_deal_value (Fixture       *f,
                 gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PROJECT,
                           "{\"name\": \"Engine order\", \"value\": 1000, \"currency\": \"EUR\"}");
  double value = 1250.5;
  gpointer shows[] = { profile, (gpointer) "Engine order" };
  gpointer in_value[] = { f, (gpointer) "Value" };
  gpointer saved[] = { profile, &value };
  g_autoptr(KithRecord) record = NULL;

  open_from_list (f->window, KITH_RECORD_PROJECT, "Engine order");
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_value);
  g_assert_cmpstr (field_text (f, "Value"), ==, "€1,000");
  g_assert_false (gtk_widget_is_visible (find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, "Add Email")));

  click (field (f, "Value"));
  wait_until (focus_is_in, in_value);
  press_keys ("ctrl+a");
  type_text ("1250.5");
  press_keys ("Return");
  wait_until (deal_saved_with_value, saved);
  g_assert_cmpstr (field_text (f, "Value"), ==, "€1,250.50");

  record = stored (f, id);
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (record)), ==, 1250.5);
  g_assert_cmpstr (kith_deal_get_currency (KITH_DEAL (record)), ==, "EUR");
}

/* For wait_until (): the editor args[0] shows a button labelled args[1], on screen */
static gboolean
shows_button (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON) != NULL && is_mapped (label);
}

/* The first descendant of @root whose tooltip is @tooltip */
static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The stored value of record @id's field "completion" */
static char *
custom_value_of (Fixture *f,
                 gint64   id)
{
  g_autoptr(KithRecord) record = stored (f, id);
  KithCustomValue *value = kith_record_get_custom (record, "completion");

  return value != NULL ? g_strdup (kith_custom_value_get_value (value)) : NULL;
}

/* For wait_until (): record *args[1] has args[2] (NULL: no date) stored in its field "completion" */
static gboolean
date_stored (gpointer data)
{
  gpointer *args = data;
  g_autofree char *value = custom_value_of (args[0], *(gint64 *) args[1]);

  return g_strcmp0 (value, args[2]) == 0;
}

/* A date field says its day as the Agenda does, with the year when it is not this one */
static void
test_date_field (Fixture       *f,
                 gconstpointer  data)
{
  KithRelationshipEditor *editor;
  g_autoptr(KithFieldDefinition) definition = kith_field_definition_new (KITH_RECORD_PERSON, "Completion", "date");
  gpointer shown[] = { NULL, (gpointer) "Sat 15 Nov 2025" };
  gpointer next_day[] = { NULL, (gpointer) "Sun 16 Nov 2025" };
  gpointer unset[] = { NULL, (gpointer) "Set Date" };
  gint64 id;
  gpointer next_day_stored[] = { f, &id, (gpointer) "2025-11-16" };
  gpointer cleared[] = { f, &id, NULL };
  GtkWidget *label, *row, *calendar, *clear;

  add_field (f, definition);
  id = seed_record (f->t, KITH_RECORD_PERSON,
                    "{\"name\": \"Buyer\", \"customFields\": [{\"id\": \"completion\", \"value\": \"2025-11-15\"}]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Buyer");
  editor = relationship_editor (f);
  shown[0] = editor;
  next_day[0] = editor;
  unset[0] = editor;
  wait_until (shows_button, shown);

  /* The next day, from the calendar that opens on the field's day */
  label = find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, "Sat 15 Nov 2025");
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  scroll_into_view (label);
  click (gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON));
  calendar = find_widget (row, GTK_TYPE_CALENDAR, NULL);
  wait_until (is_mapped, calendar);
  click (find_widget (calendar, GTK_TYPE_LABEL, "16"));
  wait_until (shows_button, next_day);
  wait_until (date_stored, next_day_stored);

  /* Cleared with the button beside it */
  clear = find_tooltip (row, "Clear");
  g_assert_nonnull (clear);
  scroll_into_view (clear);
  click (clear);
  wait_until (shows_button, unset);
  wait_until (date_stored, cleared);
}

/* For wait_until (): the editor args[0] shows the chip of tag args[1] */
static gboolean
shows_chip (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && is_mapped (label);
}

/* The chip of tag @tag, as placed in @editor */
static graphene_rect_t
chip_bounds (KithRelationshipEditor *editor,
             const char             *tag)
{
  GtkWidget *label = find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, tag);
  GtkWidget *chip = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (chip, GTK_WIDGET (editor), &bounds));
  return bounds;
}

/* A record's few short tags sit side by side, each chip as wide as it needs */
static void
test_tag_chips (Fixture       *f,
                gconstpointer  data)
{
  KithRelationshipEditor *editor;
  gpointer shown[] = { NULL, (gpointer) "lender" };
  const char *tags[] = { "vip", "buyer", "lender" };
  graphene_rect_t first;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Buyer\", \"keywords\": [\"vip\", \"buyer\", \"lender\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Buyer");
  editor = relationship_editor (f);
  shown[0] = editor;
  wait_until (shows_chip, shown);
  wait_for_frames (GTK_WIDGET (f->window));

  first = chip_bounds (editor, tags[0]);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      graphene_rect_t bounds = chip_bounds (editor, tags[i]);
      GtkWidget *chip = gtk_widget_get_ancestor (find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, tags[i]),
                                                 GTK_TYPE_BUTTON);
      int natural;

      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpfloat_with_epsilon (bounds.origin.y, first.origin.y, 0.5);
      g_assert_cmpfloat_with_epsilon (bounds.size.width, natural, 0.5);
      g_assert_cmpfloat (bounds.size.width, <, gtk_widget_get_width (GTK_WIDGET (editor)) / 3);
    }
}

static gboolean
is_icon (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), data) == 0;
}

/* For find_where (): a row whose title says more than what its field is: a format or help, in
 * parentheses or after a semicolon */
static gboolean
has_help_in_title (GtkWidget     *widget,
                   gconstpointer  data)
{
  const char *title = ADW_IS_PREFERENCES_ROW (widget) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) : NULL;

  return title != NULL && (strchr (title, '(') != NULL || strchr (title, ';') != NULL);
}

/* Points at the help icon of the field @title and waits for its tooltip to say @help */
static void
hover_help (Fixture    *f,
            const char *title,
            const char *help)
{
  GtkWidget *icon = find_where (field (f, title), is_icon, "dialog-information-symbolic");
  gpointer args[] = { f->window, (gpointer) help };

  g_assert_nonnull (icon);
  scroll_into_view (icon);
  g_assert_true (is_mapped (icon));
  /* Onto the icon, then within it: GTK starts the tooltip on a motion inside the widget, once
   * the pointer has entered it */
  pointer_to (icon, 1, 1);
  wait_for_frames (icon);
  pointer_to (icon, -1, -1);
  wait_until (label_shown, args);
}

/* The fields are titled with what they are; the format of a birthday and what the days of
 * Stay in Touch mean are in the tooltip of the field, pointed to by an icon */
static void
test_field_labels (Fixture       *f,
                   gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer in_cadence[] = { f, (gpointer) "Stay in Touch Every" };
  GtkWidget *days;

  seed_record (f->t, KITH_RECORD_PERSON,
               "{\"name\": \"Ada Lovelace\", \"birthday\": \"1815-12-10\", \"cadence\": 30, "
               "\"emails\": [\"ada@acme.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_cadence);

  g_assert_null (find_where (GTK_WIDGET (profile), has_help_in_title, NULL));
  g_assert_cmpstr (field_text (f, "Birthday"), ==, "1815-12-10");
  g_assert_cmpstr (field_text (f, "Stay in Touch Every"), ==, "30");
  days = find_widget (field (f, "Stay in Touch Every"), GTK_TYPE_LABEL, "days");
  g_assert_nonnull (days);
  g_assert_true (is_mapped (days));

  hover_help (f, "Birthday", "A date as YYYY-MM-DD, such as 1815-12-10, or --MM-DD without the year");
  hover_help (f, "Stay in Touch Every", "A number of days: 0 never reminds you; empty follows the segment’s setting");
}

static gboolean
list_has_focus (gpointer data)
{
  GtkWidget *view = find_widget (data, GTK_TYPE_LIST_VIEW, NULL);

  return has_focus_within (view);
}

/* A profile opened from the list with the keyboard opens with nothing selected: not the whole
 * name, ready to be typed over */
static void
test_opens_unselected (Fixture       *f,
                       gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  KithListPage *people = list_page (f->window, KITH_RECORD_PERSON);
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  gpointer in_name[] = { f, (gpointer) "Name" };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"headline\": \"Mathematician\"}");
  go_to_page (f->window, "people");
  wait_for_count (people, 1);
  for (guint tries = 0; !list_has_focus (people); tries++)
    {
      g_assert_cmpuint (tries, <, 20);
      press_keys ("Down");
      wait_for_frames (GTK_WIDGET (f->window));
    }
  press_keys ("Return");
  wait_until (profile_shows, shows);
  wait_until (field_shown, in_name);
  wait_for_frames (GTK_WIDGET (f->window));
  assert_nothing_selected (f);
  g_assert_cmpstr (field_text (f, "Name"), ==, "Ada Lovelace");
}

/* A long refusal shows whole: its label wraps within the width of the field it is about, and
 * has the height of all its lines */
static void
test_long_refusal (Fixture       *f,
                   gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };
  const char *typed = "every second Tuesday after the first full moon of spring, unless it rains all week";
  GtkWidget *row;
  GtkWidget *label;
  graphene_rect_t row_bounds, label_bounds;
  int height;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  row = type_refused (f, "Stay in Touch Every", typed);
  wait_for_frames (GTK_WIDGET (f->window));

  label = refusal_label (row, typed);
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (label)), "is not a whole number") != NULL);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), >, 1);

  /* Within the row's width, with the height all its lines need at that width */
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (f->window), &row_bounds));
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (f->window), &label_bounds));
  g_assert_cmpfloat (label_bounds.origin.x, >=, row_bounds.origin.x);
  g_assert_cmpfloat (label_bounds.origin.x + label_bounds.size.width, <=, row_bounds.origin.x + row_bounds.size.width);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &height, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >=, height);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Stay in Touch Every");
}

/* The window opens with nobody chosen: the profile's content is built when it first shows a
 * record, not with the window (bench/README.md, 2026-12-02), and shows it at once */
static void
test_content_built_when_opened (Fixture       *f,
                                gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer shows[] = { profile, (gpointer) "Ada Lovelace" };

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  g_assert_null (find_widget (GTK_WIDGET (profile), KITH_TYPE_RELATIONSHIP_EDITOR, NULL));
  g_assert_null (find_widget (GTK_WIDGET (profile), KITH_TYPE_FILES_GROUP, NULL));

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (profile_shows, shows);
  g_assert_nonnull (find_widget (GTK_WIDGET (profile), KITH_TYPE_RELATIONSHIP_EDITOR, NULL));
  g_assert_nonnull (find_widget (GTK_WIDGET (profile), KITH_TYPE_FILES_GROUP, NULL));
  g_assert_nonnull (find_widget (GTK_WIDGET (profile), GTK_TYPE_LABEL, "Ada Lovelace"));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/profile/enter-keeps-focus", Fixture, NULL, window_fixture_set_up, test_enter_keeps_focus, window_fixture_tear_down);
  g_test_add ("/profile/relationship-keeps-focus", Fixture, NULL, window_fixture_set_up, test_relationship_keeps_focus,
              window_fixture_tear_down);
  g_test_add ("/profile/add-email-keeps-focus", Fixture, NULL, window_fixture_set_up, test_add_email_keeps_focus, window_fixture_tear_down);
  g_test_add ("/profile/detail-rows", Fixture, NULL, window_fixture_set_up, test_detail_rows, window_fixture_tear_down);
  g_test_add ("/profile/stage-and-steps", Fixture, NULL, window_fixture_set_up, test_stage_and_steps, window_fixture_tear_down);
  g_test_add ("/profile/custom-field-error", Fixture, NULL, window_fixture_set_up, test_custom_field_error, window_fixture_tear_down);
  g_test_add ("/profile/date-field", Fixture, NULL, window_fixture_set_up, test_date_field, window_fixture_tear_down);
  g_test_add ("/profile/tag-chips", Fixture, NULL, window_fixture_set_up, test_tag_chips, window_fixture_tear_down);
  g_test_add ("/profile/pick-fields", Fixture, NULL, window_fixture_set_up, test_pick_fields, window_fixture_tear_down);
  g_test_add ("/profile/refused-field", Fixture, NULL, window_fixture_set_up, test_refused_field, window_fixture_tear_down);
  g_test_add ("/profile/deal-value", Fixture, NULL, window_fixture_set_up, test_deal_value, window_fixture_tear_down);
  g_test_add ("/profile/save-outlives-window", Fixture, NULL, window_fixture_set_up, test_save_outlives_window, window_fixture_tear_down);
  g_test_add ("/profile/field-labels", Fixture, NULL, window_fixture_set_up, test_field_labels, window_fixture_tear_down);
  g_test_add ("/profile/opens-unselected", Fixture, NULL, window_fixture_set_up, test_opens_unselected, window_fixture_tear_down);
  g_test_add ("/profile/long-refusal", Fixture, NULL, window_fixture_set_up, test_long_refusal, window_fixture_tear_down);
  g_test_add ("/profile/content-built-when-opened", Fixture, NULL, window_fixture_set_up, test_content_built_when_opened,
              window_fixture_tear_down);

  return g_test_run ();
}
