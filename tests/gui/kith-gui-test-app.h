/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Mail accounts in the widget tests, added and removed through a KithMailService as Preferences
 * does (the registry and the keyring are the private session's, build-aux/test-session), and
 * the application itself started on a data dir that has one.
 */

#include "kith-application.h"
#include "kith-mail-account.h"
#include "kith-mail-service.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

static inline void
on_gui_test_account_added_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  char **uid = user_data;
  g_autoptr(GError) error = NULL;

  *uid = kith_mail_service_add_account_finish (KITH_MAIL_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static inline gboolean
gui_test_uid_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Adds @draft through @mail and waits until it is added; the new account's uid */
static inline char *
gui_test_add_account (KithMailService *mail,
                      KithMailAccount *draft,
                      const char      *password)
{
  char *uid = NULL;

  kith_mail_service_add_account_async (mail, draft, password, NULL, on_gui_test_account_added_cb, &uid);
  wait_until (gui_test_uid_set, &uid);
  return uid;
}

static inline void
on_gui_test_account_removed_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  char **uid = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_service_remove_account_finish (KITH_MAIL_SERVICE (source), result, &error));
  g_clear_pointer (uid, g_free);
}

static inline gboolean
gui_test_uid_unset (gpointer data)
{
  return *(char **) data == NULL;
}

/* Removes the account *@uid through @mail and waits until it is gone; frees *@uid and sets it
 * to NULL */
static inline void
gui_test_remove_account (KithMailService  *mail,
                         char            **uid)
{
  kith_mail_service_remove_account_async (mail, *uid, NULL, on_gui_test_account_removed_cb, uid);
  wait_until (gui_test_uid_unset, uid);
}

/* The application for a whole test program, as a user has one (its bus name is taken once),
 * with a mail account on a private Dovecot */
typedef struct {
  KithTestDovecot *dovecot;
  KithTestStore   *t;            /* the application's data dir, read on a store of the test's own */
  KithApplication *app;
  char            *account;
} GuiTestApp;

/* The private Dovecot, with alice's mailbox behind @password */
static inline void
gui_test_app_start_dovecot (GuiTestApp *app,
                            const char *password)
{
  g_autofree char *user = g_strconcat ("alice:", password, NULL);
  const char *users[] = { user, NULL };
  g_autoptr(GError) error = NULL;

  app->dovecot = kith_test_dovecot_start (users, &error);
  g_assert_no_error (error);
}

static inline gboolean
gui_test_mail_ready (gpointer mail)
{
  return kith_mail_service_is_ready (mail);
}

/* Alice Agent's account at @address on the application's Dovecot, added as Preferences adds
 * it, through a mail service on the application's data dir that is taken down once added;
 * adding it reads the INBOX */
static inline KithMailService *
gui_test_app_add_account (GuiTestApp *app,
                          const char *address,
                          const char *password)
{
  g_autofree char *mail_dir = g_build_filename (app->t->dir, "setup-mail", NULL);
  KithMailService *mail = kith_mail_service_new (app->t->store, mail_dir);
  g_autoptr(KithMailAccount) draft = NULL;

  wait_until (gui_test_mail_ready, mail);
  draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                        "address", address,
                        "name", "Alice Agent",
                        "user", "alice",
                        "imap-host", "127.0.0.1",
                        "imap-port", kith_test_dovecot_get_port (app->dovecot),
                        "smtp-host", "127.0.0.1",
                        "security", KITH_MAIL_SECURITY_NONE,
                        NULL);
  app->account = gui_test_add_account (mail, draft, password);
  return mail;
}

typedef struct {
  KithMailService *mail;
  const char      *uid;
} GuiTestSync;

/* For wait_until (): the account sync->uid of sync->mail has been read once, and is not being
 * read now */
static inline gboolean
gui_test_synced_once (gpointer data)
{
  GuiTestSync *sync = data;
  GListModel *accounts = kith_mail_service_get_accounts (sync->mail);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (kith_mail_account_get_uid (account), sync->uid) == 0)
        return kith_mail_account_get_last_sync (account) > 0 && !kith_mail_account_get_syncing (account);
    }
  return FALSE;
}

/* Takes down @mail, the mail service gui_test_app_add_account () added the account with, once
 * its first read of the account is over. A read cancelled half way leaves the service's
 * registry to go away while the application's starts, and the application's then sometimes
 * lists no account at all (seen in test-compose-entry, 3 runs of 7). */
static inline void
gui_test_app_take_down (GuiTestApp      *app,
                        KithMailService *mail)
{
  GuiTestSync sync = { mail, app->account };

  wait_until (gui_test_synced_once, &sync);
  g_object_run_dispose (G_OBJECT (mail));
  g_object_unref (mail);
}

/* The application on the data dir, registered (its bus name taken), not yet activated */
static inline void
gui_test_app_register (GuiTestApp *app)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("KITH_DATA_DIR", app->t->dir, TRUE);
  g_setenv ("KITH_NO_BACKGROUND", "1", TRUE);
  app->app = kith_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app->app), NULL, &error));
  g_assert_no_error (error);
}

/* The application's main window, activated as the desktop does, on screen with the keyboard */
static inline KithWindow *
gui_test_app_main_window (GuiTestApp *app)
{
  KithWindow *window;

  g_application_activate (G_APPLICATION (app->app));
  window = KITH_WINDOW (wait_for_window (KITH_TYPE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  wait_until (is_mapped, window);
  focus_window (GTK_WIDGET (window));
  return window;
}

/* Quits the application and takes the account out of the session's registry, as the
 * programs that run after this one in the same session must not find it there */
static inline void
gui_test_app_stop (GuiTestApp *app)
{
  g_autofree char *mail_dir = NULL;
  g_autoptr(KithMailService) mail = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app->app), "quit", NULL);
  g_clear_object (&app->app);
  mail_dir = g_build_filename (app->t->dir, "setup-mail", NULL);
  mail = kith_mail_service_new (app->t->store, mail_dir);
  wait_until (gui_test_mail_ready, mail);
  gui_test_remove_account (mail, &app->account);
  g_object_run_dispose (G_OBJECT (mail));
  kith_test_dovecot_stop (app->dovecot);
  kith_test_store_free (app->t);
  g_free (app->account);
}
