/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KithMailSession and the user's evolution-data-server settings, which Evolution shares: each
 * test is one process, as the session sets Camel up once per process. */

#include "kith-mail-session.h"
#include "kith-test-util.h"

#define USER_HEADERS "camel-message-info-user-headers"

/* Headers the user chose (Evolution offers them as message list columns) stay where they are;
 * Kith adds the ones it needs, most needed first, while Camel has room for them (three) */
static void
test_user_headers_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.gnome.evolution-data-server");
  g_autofree char *dir = g_dir_make_tmp ("kith-session-XXXXXX", NULL);
  const char *mine[] = { "Spam Score|X-Spam-Score", NULL };
  const char *expected[] = { "Spam Score|X-Spam-Score", "Message-ID", "In-Reply-To", NULL };
  g_autoptr(KithMailSession) session = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_true (g_settings_set_strv (settings, USER_HEADERS, mine));
  session = kith_mail_session_new (NULL, dir, dir);
  after = g_settings_get_strv (settings, USER_HEADERS);

  g_assert_cmpstrv (after, expected);

  g_clear_object (&session);
  kith_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The user's own settings are never touched, wherever the test runs */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-session/user-headers-kept", test_user_headers_kept);

  return g_test_run ();
}
