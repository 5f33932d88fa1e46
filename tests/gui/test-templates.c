/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Email templates in the window, driven as a user does: real clicks and key presses through
 * the X server (xdotool), on a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-preferences-window.h"
#include "kith-template-dialog.h"
#include "kith-template-store.h"
#include "kith-templates.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"
#include "kith-gui-test-composer.h"
#include "kith-mail-account.h"
#include "kith-rich-text.h"
#include "kith-rich-text-format.h"

typedef struct {
  KithTestStore *t;
  GtkWidget     *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  /* Wide enough for the pages' switcher to stay in the header bar */
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 960, 720);
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
  kith_test_store_free (f->t);
}

/* The composer's tests open no Preferences: the composer alone on screen */
static void
store_set_up (Fixture       *f,
              gconstpointer  data)
{
  f->t = gui_test_store_new ();
}

static gpointer
find_template_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  g_autoptr(GError) not_found = NULL;

  /* None of that name is what the test looks for after a delete */
  return kith_store_template_find (store, data, &not_found);
}

/* The template named @name as stored, or %NULL */
static KithTemplate *
stored_template (Fixture    *f,
                 const char *name)
{
  return on_worker (f->t->store, find_template_job, (gpointer) name);
}

static gpointer
save_template_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  g_assert_cmpint (kith_store_template_save (store, data, error), >, 0);
  return NULL;
}

static void
seed_template (Fixture    *f,
               const char *name,
               const char *subject,
               const char *body)
{
  g_autoptr(KithTemplate) template = kith_template_new (name);

  kith_template_set_subject (template, subject);
  kith_template_set_body (template, body);
  on_worker (f->t->store, save_template_job, template);
}

/* The switcher's button for the page titled @data, where it is drawn */
static gboolean
is_page_button (GtkWidget     *widget,
                gconstpointer  data)
{
  GtkWidget *label;

  if (!GTK_IS_TOGGLE_BUTTON (widget) || !gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    return FALSE;
  label = find_where (widget, is_label_shown, data);
  return label != NULL && gtk_widget_get_width (label) > 0;
}

typedef struct {
  GtkWidget *prefs;
  Settling   settling;
} PageButton;

/* The switcher's Templates button has stayed where it is drawn. The window's title swaps a wide
 * switcher for a narrow one as its width settles, so the button is looked for again each time */
static gboolean
page_button_settled (gpointer data)
{
  PageButton *button = data;
  GtkWidget *shown = find_where (button->prefs, is_page_button, "Templates");

  if (shown != button->settling.widget)
    button->settling = (Settling) { shown, 0, 0, 0 };
  return shown != NULL && has_settled (&button->settling);
}

/* Goes to the Templates page with a click on its name in the window's switcher */
static void
open_templates_page (Fixture *f)
{
  PageButton button = { f->prefs, { NULL, 0, 0, 0 } };

  wait_until (page_button_settled, &button);
  click (button.settling.widget);
  wait_until (is_mapped, find_where (f->prefs, is_labelled_button, "_New Template"));
}

static GtkWidget *
open_new_template (Fixture *f)
{
  open_templates_page (f);
  click (find_where (f->prefs, is_labelled_button, "_New Template"));
  return wait_for_window (KITH_TYPE_TEMPLATE_DIALOG);
}

static void
click_into_body (GtkWidget *dialog)
{
  GtkWidget *body = find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL);

  click (body);
  wait_until (has_focus_within, body);
}

static void
type_into_body (GtkWidget  *dialog,
                const char *text)
{
  click_into_body (dialog);
  type_text (text);
}

static char *
editor_body_text (GtkWidget *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
body_reads (gpointer data)
{
  gpointer *args = data;
  g_autofree char *text = editor_body_text (args[0]);

  return g_str_equal (text, args[1]);
}

static gboolean
is_labelled_menu_button (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0;
}

/* A template written in the editor, a field inserted from its menu, is stored and listed */
static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *dialog = open_new_template (f);
  GtkWidget *field_button = find_where (dialog, is_labelled_menu_button, "Insert _Field");
  GtkWidget *save = find_where (dialog, is_labelled_button, "_Save");
  GtkWidget *popover;
  gpointer field_shown[] = { NULL, (gpointer) "{{first_name}}" };
  gpointer body_done[] = { dialog, (gpointer) "Hi {{first_name}}, welcome" };
  g_autoptr(KithTemplate) stored = NULL;

  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Welcome");
  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Subject"), "Welcome aboard");
  type_into_body (dialog, "Hi ");

  click_when_still (field_button);
  field_shown[0] = popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (field_button)));
  wait_until (label_shown, field_shown);
  choose (popover, "{{first_name}}");

  type_into_body (dialog, ", welcome");
  wait_until (body_reads, body_done);
  wait_until (is_sensitive, save);
  click (save);
  wait_for_window_gone (KITH_TYPE_TEMPLATE_DIALOG);

  action_row_titled (f->prefs, "Welcome");
  stored = stored_template (f, "Welcome");
  g_assert_nonnull (stored);
  g_assert_cmpstr (kith_template_get_subject (stored), ==, "Welcome aboard");
  g_assert_cmpstr (kith_template_get_body (stored), ==, "Hi {{first_name}}, welcome");
}

/* The editor's error, under the text, on screen */
static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
error_shown (gpointer data)
{
  return find_where (data, is_error_label, NULL) != NULL;
}

/* For wait_until (): the error under the text of the editor args[0] reads args[1] */
static gboolean
error_reads (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_where (args[0], is_error_label, NULL);

  return label != NULL && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), args[1]);
}

static gboolean
is_insensitive (gpointer data)
{
  return !gtk_widget_is_sensitive (data);
}

/* A template that does not parse shows where, and cannot be saved until it is fixed */
static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *dialog = open_new_template (f);
  GtkWidget *save = find_where (dialog, is_labelled_button, "_Save");
  gpointer error[] = { dialog, (gpointer) "Body: Line 2, column 6: there is no field “frist_name”; did you mean “first_name”, “last_name”?" };
  g_autoptr(KithTemplate) stored = NULL;

  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Broken");
  type_into_body (dialog, "Hello");
  press_keys ("Return");
  type_text ("Hi {{frist_name}}");
  wait_until (error_reads, error);
  assert_holds_for (is_insensitive, save, 200, "Save stays off");

  /* Fixed, it saves */
  press_keys ("ctrl+a");
  type_text ("Hi {{first_name}}");
  wait_until (is_sensitive, save);
  g_assert_false (error_shown (dialog));
  click (save);
  wait_for_window_gone (KITH_TYPE_TEMPLATE_DIALOG);
  stored = stored_template (f, "Broken");
  g_assert_nonnull (stored);
  g_assert_cmpstr (kith_template_get_body (stored), ==, "Hi {{first_name}}");
}

static gboolean
row_gone (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_action_row_titled, args[1]) == NULL;
}

/* A template deleted from the list comes back with Undo */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  gpointer row_args[] = { f->prefs, (gpointer) "Offer" };
  g_autoptr(KithTemplate) gone = NULL;
  g_autoptr(KithTemplate) back = NULL;
  GtkWidget *row;

  seed_template (f, "Offer", "Your offer", "Dear {{name}}");
  open_templates_page (f);
  row = action_row_titled (f->prefs, "Offer");
  click (shown_with_tooltip (row, "Delete Template"));
  wait_until (row_gone, row_args);
  gone = stored_template (f, "Offer");
  g_assert_null (gone);

  click_undo (f->prefs);
  action_row_titled (f->prefs, "Offer");
  back = stored_template (f, "Offer");
  g_assert_nonnull (back);
  g_assert_cmpstr (kith_template_get_body (back), ==, "Dear {{name}}");
}

static gboolean
subject_reads (gpointer data)
{
  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (field ("Subject"))), data);
}

static gboolean
composer_body_has (gpointer data)
{
  g_autofree char *text = body_text ();

  return strstr (text, data) != NULL;
}

/* Opens a composer to @to, as replying or writing to someone does */
static KithComposer *
open_composer (Fixture    *f,
               const char *to)
{
  g_autoptr(GListStore) accounts = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
  g_autoptr(KithOutgoing) draft = kith_outgoing_new ();
  const char *recipients[] = { to, NULL };
  KithComposer *shown;

  kith_outgoing_set_to (draft, recipients);
  shown = kith_composer_new (f->t->store, G_LIST_MODEL (accounts), draft);
  gtk_window_present (GTK_WINDOW (shown));
  wait_until (is_mapped, shown);
  focus_window (GTK_WIDGET (shown));
  return shown;
}

static void
insert_template (KithComposer *shown,
                 const char   *name)
{
  GtkWidget *button = shown_with_tooltip (shown, "Insert Template");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gpointer args[] = { popover, (gpointer) name };

  click_when_still (button);
  wait_until (label_shown, args);
  choose (popover, name);
}

/* Insert Template merges for the first recipient when that is a person in Kith */
static void
test_composer_insert (Fixture       *f,
                      gconstpointer  data)
{
  KithComposer *shown;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [\"ann@example.com\"]}");
  seed_template (f, "Viewing", "Viewing for {{first_name}}", "Dear {{first_name|friend}}, see you at noon.");

  shown = open_composer (f, "ann@example.com");
  /* No account yet: From says what to do, not an empty choice */
  g_assert_nonnull (find_where (GTK_WIDGET (shown), is_label_shown, "Add a mail account in Preferences to send mail from"));
  insert_template (shown, "Viewing");
  wait_until (subject_reads, (gpointer) "Viewing for Ann");
  wait_until (composer_body_has, (gpointer) "Dear Ann, see you at noon.");
  close_window (shown);
}

/* A recipient Kith does not know gets the fallbacks */
static void
test_composer_insert_stranger (Fixture       *f,
                               gconstpointer  data)
{
  KithComposer *shown;

  seed_template (f, "Viewing", "Viewing for {{first_name}}", "Dear {{first_name|friend}}, see you at noon.");

  shown = open_composer (f, "someone@example.com");
  insert_template (shown, "Viewing");
  wait_until (subject_reads, (gpointer) "Viewing for ");
  wait_until (composer_body_has, (gpointer) "Dear friend, see you at noon.");
  close_window (shown);
}

/* Saves with the editor's Save once it may, and reads the template named @name back */
static KithTemplate *
save_and_read (Fixture    *f,
               GtkWidget  *dialog,
               const char *name)
{
  GtkWidget *save = find_where (dialog, is_labelled_button, "_Save");

  wait_until (is_sensitive, save);
  click (save);
  wait_for_window_gone (KITH_TYPE_TEMPLATE_DIALOG);
  return stored_template (f, name);
}

/* Whether all of @text, where it first is in @view, is bold */
static gboolean
text_is_bold (GtkTextView *view,
              const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *bold = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), KITH_RICH_TAG_BOLD);
  GtkTextIter iter, match_end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (bold == NULL || !gtk_text_iter_forward_search (&iter, text, 0, &iter, &match_end, NULL))
    return FALSE;
  for (; !gtk_text_iter_equal (&iter, &match_end); gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, bold))
      return FALSE;
  return TRUE;
}

/* For wait_until (): the rich text in window args[0] shows args[1] in bold, and args[2] not */
static gboolean
shows_bold (gpointer data)
{
  gpointer *args = data;
  GtkWidget *view = find_widget (args[0], KITH_TYPE_RICH_TEXT, NULL);

  return view != NULL && text_is_bold (GTK_TEXT_VIEW (view), args[1]) &&
         !text_is_bold (GTK_TEXT_VIEW (view), args[2]);
}

static void
insert_field (GtkWidget  *dialog,
              const char *label)
{
  GtkWidget *field_button = find_where (dialog, is_labelled_menu_button, "Insert _Field");
  GtkWidget *popover;
  gpointer field_shown[] = { NULL, (gpointer) label };

  /* The menu is made once the fields are read */
  click_when_still (field_button);
  field_shown[0] = popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (field_button)));
  wait_until (label_shown, field_shown);
  choose (popover, label);
}

/* Bold typed with Ctrl+B around a field is stored as HTML with the field whole, shows bold when
 * the template is opened again, and comes bold into the composer with Insert Template */
static void
test_formatted_body (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *dialog = open_new_template (f);
  gpointer body_done[] = { dialog, (gpointer) "Hi {{first_name}}, welcome" };
  gpointer bold_in_editor[] = { NULL, (gpointer) "Hi {{first_name}}", (gpointer) ", welcome" };
  gpointer bold_in_composer[] = { NULL, (gpointer) "Hi Ann", (gpointer) ", welcome" };
  g_autoptr(KithTemplate) stored = NULL;
  KithComposer *shown;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [\"ann@example.com\"]}");
  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Welcome");
  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Subject"), "Welcome aboard");
  click_into_body (dialog);
  press_keys ("ctrl+b");
  type_text ("Hi ");
  insert_field (dialog, "{{first_name}}");
  click_into_body (dialog);
  press_keys ("ctrl+b");
  type_text (", welcome");
  wait_until (body_reads, body_done);
  stored = save_and_read (f, dialog, "Welcome");
  g_assert_nonnull (stored);
  g_assert_cmpint (kith_template_get_body_type (stored), ==, KITH_TEMPLATE_BODY_HTML);
  g_assert_nonnull (strstr (kith_template_get_body (stored), "<b>Hi {{first_name}}</b>, welcome"));

  /* Opened again, the bold is where it was */
  click_when_still (action_row_titled (f->prefs, "Welcome"));
  bold_in_editor[0] = dialog = wait_for_window (KITH_TYPE_TEMPLATE_DIALOG);
  wait_until (shows_bold, bold_in_editor);
  close_window (dialog);
  /* The composer alone on screen, as in the composer's tests */
  close_window (f->prefs);
  f->prefs = NULL;

  shown = open_composer (f, "ann@example.com");
  bold_in_composer[0] = shown;
  insert_template (shown, "Welcome");
  wait_until (composer_body_has, (gpointer) "Hi Ann, welcome");
  wait_until (shows_bold, bold_in_composer);
  close_window (shown);
}

/* Bold that ends inside a field takes in the whole field: the field is not split by tags */
static void
test_field_kept_whole (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *dialog = open_new_template (f);
  gpointer body_done[] = { dialog, (gpointer) "Hi {{first_name}}, welcome" };
  g_autoptr(KithTemplate) stored = NULL;

  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Half bold");
  type_into_body (dialog, "Hi {{first_name}}, welcome");
  wait_until (body_reads, body_done);
  /* "Hi {{fir" selected and made bold */
  press_keys ("ctrl+Home");
  for (guint i = 0; i < strlen ("Hi {{fir"); i++)
    press_keys ("shift+Right");
  press_keys ("ctrl+b");
  stored = save_and_read (f, dialog, "Half bold");

  g_assert_nonnull (stored);
  g_assert_cmpint (kith_template_get_body_type (stored), ==, KITH_TEMPLATE_BODY_HTML);
  g_assert_nonnull (strstr (kith_template_get_body (stored), "<b>Hi {{first_name}}</b>, welcome"));
}

/* A body with no formatting stays plain text */
static void
test_plain_body (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *dialog = open_new_template (f);
  gpointer body_done[] = { dialog, (gpointer) "Dear {{name}}" };
  g_autoptr(KithTemplate) stored = NULL;

  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Plain");
  type_into_body (dialog, "Dear {{name}}");
  wait_until (body_reads, body_done);
  stored = save_and_read (f, dialog, "Plain");
  g_assert_nonnull (stored);
  g_assert_cmpint (kith_template_get_body_type (stored), ==, KITH_TEMPLATE_BODY_TEXT);
  g_assert_cmpstr (kith_template_get_body (stored), ==, "Dear {{name}}");
}

static GListModel *
accounts_new (void)
{
  GListStore *accounts = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
  g_autoptr(KithMailAccount) work = kith_mail_account_new ("acct-work");
  g_autoptr(KithMailAccount) home = kith_mail_account_new ("acct-home");

  kith_mail_account_update (work, "Work", "me@agency.example", "Alice Moore", NULL, NULL, 0, NULL);
  kith_mail_account_update (home, "Home", "alice@home.example", "Alice", NULL, NULL, 0, NULL);
  g_list_store_append (accounts, work);
  g_list_store_append (accounts, home);
  return G_LIST_MODEL (accounts);
}

/* The editor for @template (or a new one), offering @accounts in From */
static GtkWidget *
open_editor (KithStore    *store,
             GListModel   *accounts,
             KithTemplate *template)
{
  GtkWidget *dialog = g_object_new (KITH_TYPE_TEMPLATE_DIALOG, "store", store, "accounts", accounts,
                                    "template", template, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog);
  focus_window (dialog);
  return dialog;
}

/* For wait_until (): From in the editor args[0] shows args[1] */
static gboolean
from_shows (gpointer data)
{
  gpointer *args = data;
  GtkWidget *from = find_widget (args[0], GTK_TYPE_DROP_DOWN, NULL);

  return from != NULL && find_where (from, is_label_shown, args[1]) != NULL;
}

/* Picks @label from the editor's From list with the mouse */
static void
choose_from (GtkWidget  *dialog,
             const char *label)
{
  GtkWidget *from = find_widget (dialog, GTK_TYPE_DROP_DOWN, NULL);
  gpointer listed[] = { from, (gpointer) label };
  gpointer chosen[] = { dialog, (gpointer) label };

  click_when_still (from);
  wait_until (any_label_shown, listed);
  click_when_still (find_where (from, is_label_shown, label));
  wait_until (from_shows, chosen);
}

/* From and attachments are saved with the template (its files copied into Kith's data) and
 * shown when it is opened again */
static void
test_from_and_attachments (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autofree char *plan = g_build_filename (f->t->dir, "floor-plan.txt", NULL);
  const char *from = "Alice Moore <me@agency.example>";
  GtkWidget *dialog = open_editor (f->t->store, accounts, NULL);
  gpointer listed[] = { dialog, (gpointer) "floor-plan.txt" };
  gpointer any[] = { dialog, (gpointer) "Any Account" };
  gpointer from_shown[] = { NULL, (gpointer) from };
  g_autoptr(KithTemplate) stored = NULL;
  const char * const *attachments;
  g_autofree char *copied = NULL;

  g_assert_true (g_file_set_contents (plan, "Ground floor: 80 m²", -1, NULL));
  wait_until (from_shows, any);
  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Listing");
  type_into (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Subject"), "The plans");
  choose_from (dialog, from);
  click_when_still (find_where (dialog, has_tooltip, "Attach Files…"));
  pick_file (plan);
  wait_until (shows_action_row, listed);
  focus_window (dialog);
  stored = save_and_read (f, dialog, "Listing");
  g_assert_nonnull (stored);
  g_assert_cmpstr (kith_template_get_account (stored), ==, "acct-work");
  attachments = kith_template_get_attachments (stored);
  g_assert_nonnull (attachments);
  g_assert_cmpuint (g_strv_length ((GStrv) attachments), ==, 1);
  g_assert_cmpstr (attachments[0], !=, plan);
  g_assert_true (g_file_get_contents (attachments[0], &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, "Ground floor: 80 m²");

  /* Opened again: the account chosen and the file listed */
  dialog = open_editor (f->t->store, accounts, stored);
  listed[0] = from_shown[0] = dialog;
  wait_until (from_shows, from_shown);
  wait_until (shows_action_row, listed);
  close_window (dialog);
}

/* Opens a composer on @draft, sending from @accounts */
static KithComposer *
open_composer_on (KithStore    *store,
                  GListModel   *accounts,
                  KithOutgoing *draft)
{
  KithComposer *shown = kith_composer_new (store, accounts, draft);

  gtk_window_present (GTK_WINDOW (shown));
  wait_until (is_mapped, shown);
  focus_window (GTK_WIDGET (shown));
  return shown;
}

/* A template with a From account of its own: inserted into a new message it sends from that
 * account; into a reply, From stays the address the reply was sent from */
static void
test_composer_insert_from (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithTemplate) template = kith_template_new ("Home news");
  g_autoptr(KithOutgoing) draft = kith_outgoing_new ();
  g_autoptr(KithOutgoing) reply = kith_outgoing_new ();
  const char *to[] = { "ann@example.com", NULL };
  gpointer work[] = { NULL, (gpointer) "Alice Moore <me@agency.example>" };
  gpointer home[] = { NULL, (gpointer) "Alice <alice@home.example>" };
  KithComposer *shown;

  kith_template_set_subject (template, "News from home");
  kith_template_set_body (template, "Hello {{first_name|there}}");
  kith_template_set_account (template, "acct-home");
  on_worker (f->t->store, save_template_job, template);

  kith_outgoing_set_to (draft, to);
  shown = open_composer_on (f->t->store, accounts, draft);
  work[0] = home[0] = shown;
  wait_until (from_shows, work);
  insert_template (shown, "Home news");
  wait_until (subject_reads, (gpointer) "News from home");
  wait_until (from_shows, home);
  close_window (shown);

  kith_outgoing_set_to (reply, to);
  kith_outgoing_set_subject (reply, "Re: Viewing");
  kith_outgoing_set_in_reply_to (reply, "<viewing-1@example.com>");
  shown = open_composer_on (f->t->store, accounts, reply);
  work[0] = shown;
  wait_until (from_shows, work);
  insert_template (shown, "Home news");
  wait_until (subject_reads, (gpointer) "News from home");
  wait_until (from_shows, work);
  close_window (shown);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/templates/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/templates/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);
  g_test_add ("/templates/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);

  g_test_add ("/templates/composer-insert", Fixture, NULL, store_set_up, test_composer_insert, fixture_tear_down);
  g_test_add ("/templates/composer-insert-stranger", Fixture, NULL, store_set_up, test_composer_insert_stranger,
              fixture_tear_down);

  g_test_add ("/templates/formatted-body", Fixture, NULL, fixture_set_up, test_formatted_body, fixture_tear_down);
  g_test_add ("/templates/field-kept-whole", Fixture, NULL, fixture_set_up, test_field_kept_whole,
              fixture_tear_down);
  g_test_add ("/templates/plain-body", Fixture, NULL, fixture_set_up, test_plain_body, fixture_tear_down);
  g_test_add ("/templates/composer-insert-from", Fixture, NULL, store_set_up, test_composer_insert_from,
              fixture_tear_down);
  g_test_add ("/templates/from-and-attachments", Fixture, NULL, store_set_up, test_from_and_attachments,
              fixture_tear_down);

  return g_test_run ();
}
