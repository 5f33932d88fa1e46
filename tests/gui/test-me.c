/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Who you are, as a user sets it: Preferences → Mail with an account on a private Dovecot, your
 * name and other addresses typed into the account's rows with the keyboard (xdotool, through
 * the X server), and the You group at the top of the page, which shows who Kith takes you to be
 * for assigned:me.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdarg.h>

#include "kith-mail.h"
#include "kith-mail-account.h"
#include "kith-mail-service.h"
#include "kith-preferences-window.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"

#define PASSWORD "me-test-pw"
#define ME "alice@agency.example"

typedef struct {
  KithTestStore   *t;
  KithMailService *mail;
  GtkWidget       *prefs;
  char            *account;
  const char      *expect;
} Fixture;

/* Clicks into @row, replaces what it holds by typing @text and presses Return, which applies it */
static void
user_types_into (GtkWidget  *row,
                 const char *text)
{
  type_into (row, text);
  press_keys ("Return");
}

static gboolean
mail_ready (gpointer data)
{
  return kith_mail_service_is_ready (((Fixture *) data)->mail);
}

/* The account as Preferences shows it */
static KithMailAccount *
shown_account (Fixture *f)
{
  GListModel *accounts = kith_mail_service_get_accounts (f->mail);
  g_autoptr(KithMailAccount) account = g_list_model_get_n_items (accounts) == 1 ? g_list_model_get_item (accounts, 0)
                                                                                  : NULL;

  return account;   /* the list keeps it */
}

/* The account's first sync is over: the page no longer changes by itself */
static gboolean
synced_once (gpointer data)
{
  Fixture *f = data;
  KithMailAccount *account = shown_account (f);

  return account != NULL && kith_mail_account_get_last_sync (account) > 0 && !kith_mail_account_get_syncing (account);
}

/* The first mapped descendant of @root of @type whose title is @title */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  const char *title;
} Finding;

/* The row is there, with its size (a row just made has none until the next frame), and not
 * sliding in (an account's rows do, when it is opened) */
static gboolean
row_laid_out (gpointer data)
{
  Finding *finding = data;
  GtkWidget *row = find_row (finding->root, finding->type, finding->title);
  GtkWidget *revealer = row != NULL ? gtk_widget_get_ancestor (row, GTK_TYPE_REVEALER) : NULL;

  return row != NULL && gtk_widget_get_width (row) > 0 && gtk_widget_get_height (row) > 0 &&
         (revealer == NULL || gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
}

/* The row of @type titled @title under @root, once it is laid out (the page rebuilds its
 * rows whenever the accounts change) */
static GtkWidget *
wait_for_row (GtkWidget  *root,
              GType       type,
              const char *title)
{
  Finding finding = { root, type, title };

  wait_until (row_laid_out, &finding);
  return find_row (root, type, title);
}

/* The You group's row @title says @f->expect */
static const char *
you_say (Fixture    *f,
         const char *title)
{
  GtkWidget *row = find_row (f->prefs, ADW_TYPE_ACTION_ROW, title);

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static gboolean
you_show_name (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (you_say (f, "Name"), f->expect) == 0;
}

static gboolean
you_show_address (gpointer data)
{
  Fixture *f = data;
  const char *addresses = you_say (f, "Addresses");

  return addresses != NULL && strstr (addresses, f->expect) != NULL;
}

/* The account's rows, after its identity changed, show @f->expect as your name */
static gboolean
rows_show_name (gpointer data)
{
  Fixture *f = data;
  KithMailAccount *account = shown_account (f);
  GtkWidget *row = find_row (f->prefs, ADW_TYPE_ENTRY_ROW, "Your Name");

  return account != NULL && g_strcmp0 (kith_mail_account_get_name (account), f->expect) == 0 &&
         row != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), f->expect) == 0;
}

static gboolean
shows_error (gpointer data)
{
  Fixture *f = data;
  GtkWidget *row = find_row (f->prefs, ADW_TYPE_ENTRY_ROW, f->expect);

  return row != NULL && gtk_widget_has_css_class (row, "error");
}

static gpointer
dup_me_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return kith_store_dup_me (store, data);
}

/* Who the user is, as the store has it, read on the worker */
static char **
dup_me (KithStore  *store,
        char      **name)
{
  return on_worker (store, dup_me_job, name);
}

/* Your name and an alias typed into an account's rows in Preferences → Mail: the You group
 * shows them at once and they are who you are for assigned:me; an empty name is refused on
 * its row */
static void
test_name_and_aliases (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTestDovecot) dovecot = kith_test_dovecot_start (users, &error);
  g_autofree char *mail_dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KithMailAccount) draft = NULL;
  g_auto(GStrv) me = NULL;
  g_autoptr(GArray) found = NULL;
  Fixture fixture = { 0 }, *f = &fixture;
  gint64 mine;

  g_assert_no_error (error);
  f->t = gui_test_store_new ();
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);
  mine = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"assignee\": \"alice@home.example\"}");

  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (f->prefs), f->mail);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 640, 900);
  gtk_window_present (GTK_WINDOW (f->prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "mail");
  focus_window (f->prefs);

  /* The account's first sync reads its identity: the You group shows it */
  draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                        "address", ME,
                        "name", "Alice Agent",
                        "user", "alice",
                        "imap-host", "127.0.0.1",
                        "imap-port", kith_test_dovecot_get_port (dovecot),
                        "smtp-host", "127.0.0.1",
                        "security", KITH_MAIL_SECURITY_NONE,
                        NULL);
  f->account = gui_test_add_account (f->mail, draft, PASSWORD);
  f->expect = "Alice Agent";
  wait_until (you_show_name, f);
  f->expect = ME;
  wait_until (you_show_address, f);

  /* Once the first sync is over, the account's row, opened with a click, takes the new name
   * from the keyboard */
  wait_until (synced_once, f);
  click (wait_for_row (f->prefs, ADW_TYPE_EXPANDER_ROW, ME));
  user_types_into (wait_for_row (f->prefs, ADW_TYPE_ENTRY_ROW, "Your Name"), "Alice Q. Agent");
  f->expect = "Alice Q. Agent";
  wait_until (you_show_name, f);
  wait_until (rows_show_name, f);
  me = dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Q. Agent");

  /* An address from home: yours at once, and what is assigned to it is assigned to you */
  user_types_into (wait_for_row (f->prefs, ADW_TYPE_ENTRY_ROW, "Your Other Addresses (aliases)"), "alice@home.example");
  f->expect = "alice@home.example";
  wait_until (you_show_address, f);
  found = find_records (f->t->store, KITH_RECORD_PERSON, "assigned:me");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, mine);
  save_png (f->prefs, "preferences-mail-you.png");

  /* No name: said on the row, and you keep yours */
  user_types_into (wait_for_row (f->prefs, ADW_TYPE_ENTRY_ROW, "Your Name"), "");
  f->expect = "Your Name";
  wait_until (shows_error, f);
  f->expect = "Alice Q. Agent";
  g_assert_true (you_show_name (f));
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&me, g_strfreev);
  me = dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Q. Agent");

  gtk_window_destroy (GTK_WINDOW (f->prefs));
  gui_test_remove_account (f->mail, &f->account);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  kith_test_store_free (f->t);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Camel warns about what it meets in mail; that must not abort the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/me/name-and-aliases", test_name_and_aliases);

  return g_test_run ();
}
