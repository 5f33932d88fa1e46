/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the server fixtures (kith-test-dovecot.c, kith-test-smtp.c) share to start a server on a
 * free loopback port and stop it by its PID. Header-only, so that every program built with a
 * fixture's .c gets it without a source of its own to list. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>

/* A port on 127.0.0.1 that nothing listens on now (another process may take it before the
 * server binds it: the fixtures try again then); 0 with error set when none could be had */
static inline guint
kith_test_pick_free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, any_port, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

/* Reaps our child if it has exited, waiting at most timeout_us */
static inline gboolean
kith_test_wait_exit (pid_t   pid,
                     gint64  timeout_us,
                     int    *status)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (TRUE)
    {
      pid_t r = waitpid (pid, status, WNOHANG);

      if (r == pid || (r < 0 && errno == ECHILD))
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }
}

/* A GSpawnChildSetupFunc: should the test die on an assertion, the server goes with it */
static inline void
kith_test_die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* Starts a server in dir with its stdout and stderr appended to log_path, stdin from /dev/null,
 * dying with us; pid is ours to reap (G_SPAWN_DO_NOT_REAP_CHILD), 0 when it could not start */
static inline gboolean
kith_test_spawn_server (const char         *dir,
                        const char * const *argv,
                        const char         *log_path,
                        GPid               *pid,
                        GError            **error)
{
  int out_fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  gboolean spawned;

  *pid = 0;
  if (out_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "Could not create %s: %s",
                   log_path, g_strerror (saved_errno));
      return FALSE;
    }
  spawned = g_spawn_async_with_fds (dir, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                    kith_test_die_with_parent, NULL, pid, -1, out_fd, out_fd, error);
  close (out_fd);
  if (!spawned)
    *pid = 0;
  return spawned;
}
