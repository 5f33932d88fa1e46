/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-radicale.h"
#include "kith-test-process.h"
#include "kith-test-util.h"

#include <libsoup/soup.h>
#include <string.h>

#define START_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US  (20 * G_USEC_PER_SEC)
#define START_ATTEMPTS   3

struct _KithTestRadicale
{
  char  *dir;        /* the temporary root, removed by kith_test_radicale_stop () */
  char  *storage;
  GPid   pid;
  guint  port;
};

static gboolean
write_config (KithTestRadicale    *self,
              const char * const  *users,
              GError             **error)
{
  g_autofree char *config = g_build_filename (self->dir, "config", NULL);
  g_autofree char *htpasswd = g_build_filename (self->dir, "users", NULL);
  g_autofree char *users_text = g_strjoinv ("\n", (char **) users);
  g_autofree char *text = g_strdup_printf ("[server]\nhosts = 127.0.0.1:%u\n\n"
                                           "[auth]\ntype = htpasswd\nhtpasswd_filename = %s\n"
                                           "htpasswd_encryption = plain\ndelay = 0\n\n"
                                           "[rights]\ntype = owner_only\n\n"
                                           "[storage]\nfilesystem_folder = %s\n\n"
                                           "[logging]\nlevel = warning\n",
                                           self->port, htpasswd, self->storage);
  g_autofree char *users_line = g_strconcat (users_text, "\n", NULL);

  return g_file_set_contents (htpasswd, users_line, -1, error) &&
         g_file_set_contents (config, text, -1, error);
}

static gboolean
answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* TRUE when it answers; FALSE with @error unset when it exited (the port was taken, maybe) */
static gboolean
spawn_and_wait (KithTestRadicale  *self,
                const char        *radicale,
                GError           **error)
{
  g_autofree char *config = g_build_filename (self->dir, "config", NULL);
  g_autofree char *log = g_build_filename (self->dir, "radicale.log", NULL);
  const char *argv[] = { radicale, "--config", config, NULL };
  gint64 deadline;

  if (!kith_test_spawn_server (self->dir, argv, log, &self->pid, error))
    return FALSE;

  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (!answers (self->port))
    {
      int status = 0;

      if (waitpid (self->pid, &status, WNOHANG) == self->pid)
        {
          g_spawn_close_pid (self->pid);
          self->pid = 0;
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "radicale did not answer on 127.0.0.1:%u within 10 s (see %s)", self->port, log);
          return FALSE;
        }
      g_usleep (20 * 1000);
    }

  return TRUE;
}

KithTestRadicale *
kith_test_radicale_start (const char * const  *users,
                          GError             **error)
{
  g_autoptr(KithTestRadicale) self = g_new0 (KithTestRadicale, 1);
  g_autofree char *radicale = g_find_program_in_path ("radicale");

  if (radicale == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "radicale is not installed");
      return NULL;
    }
  self->dir = g_dir_make_tmp ("kith-radicale-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;
  self->storage = g_build_filename (self->dir, "storage", NULL);

  /* Another process may take the port between our probe and Radicale's bind: try a new one */
  for (guint attempt = 1; attempt <= START_ATTEMPTS; attempt++)
    {
      if ((self->port = kith_test_pick_free_port (error)) == 0 || !write_config (self, users, error))
        return NULL;
      if (spawn_and_wait (self, radicale, error))
        return g_steal_pointer (&self);
      if (error != NULL && *error != NULL)
        return NULL;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "radicale exited on start %u times (see %s)",
               START_ATTEMPTS, self->dir);
  return NULL;
}

guint
kith_test_radicale_get_port (KithTestRadicale *self)
{
  return self->port;
}

/* Sends one request with the user's password; fails unless the status is 2xx */
static gboolean
request (KithTestRadicale  *self,
         const char        *method,
         const char        *path,
         const char        *user,
         const char        *password,
         const char        *content_type,
         const char        *body,
         GError           **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) reply = NULL;
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  reply = soup_session_send_and_read (session, message, NULL, error);
  if (reply == NULL)
    return FALSE;

  status = soup_message_get_status (message);
  if (status < 200 || status >= 300)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s: HTTP %u", method, path, status);
      return FALSE;
    }

  return TRUE;
}

/* The user's home collection, which Radicale makes when they first sign in: then MKCOL finds
 * it there (405) */
static gboolean
make_home (KithTestRadicale  *self,
           const char        *user,
           const char        *password,
           GError           **error)
{
  g_autofree char *home = g_strdup_printf ("/%s/", user);
  g_autoptr(GError) local_error = NULL;

  if (!request (self, "MKCOL", home, user, password, NULL, NULL, &local_error) &&
      !g_str_has_suffix (local_error->message, "HTTP 405"))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

char *
kith_test_radicale_make_calendar (KithTestRadicale  *self,
                                  const char        *user,
                                  const char        *password,
                                  const char        *name,
                                  GError           **error)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s/", user, name);

  if (!make_home (self, user, password, error) ||
      !request (self, "MKCALENDAR", path, user, password, NULL, NULL, error))
    return NULL;

  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

char *
kith_test_radicale_make_address_book (KithTestRadicale  *self,
                                      const char        *user,
                                      const char        *password,
                                      const char        *name,
                                      GError           **error)
{
  static const char body[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<mkcol xmlns=\"DAV:\" xmlns:CR=\"urn:ietf:params:xml:ns:carddav\"><set><prop>"
    "<resourcetype><collection/><CR:addressbook/></resourcetype><displayname>Contacts</displayname>"
    "</prop></set></mkcol>";
  g_autofree char *path = g_strdup_printf ("/%s/%s/", user, name);

  if (!make_home (self, user, password, error) ||
      !request (self, "MKCOL", path, user, password, "text/xml; charset=utf-8", body, error))
    return NULL;

  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

gboolean
kith_test_radicale_put_event (KithTestRadicale  *self,
                              const char        *user,
                              const char        *password,
                              const char        *name,
                              const char        *uid,
                              const char        *ical,
                              GError           **error)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s/%s.ics", user, name, uid);

  return request (self, "PUT", path, user, password, "text/calendar", ical, error);
}

/* The files of a collection whose names end in @suffix, one after the other */
static char *
read_collection (KithTestRadicale *self,
                 const char       *user,
                 const char       *name,
                 const char       *suffix)
{
  g_autofree char *folder = g_build_filename (self->storage, "collection-root", user, name, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GString *out = g_string_new (NULL);
  const char *file;

  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *text = NULL;

      if (g_str_has_suffix (file, suffix) && g_file_get_contents (path, &text, NULL, NULL))
        g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

char *
kith_test_radicale_read_calendar (KithTestRadicale *self,
                                  const char       *user,
                                  const char       *name)
{
  return read_collection (self, user, name, ".ics");
}

char *
kith_test_radicale_read_address_book (KithTestRadicale *self,
                                      const char       *user,
                                      const char       *name)
{
  return read_collection (self, user, name, ".vcf");
}

ESource *
kith_test_radicale_add_source (KithTestRadicale  *self,
                               ESourceRegistry   *registry,
                               const char        *extension,
                               const char        *uri,
                               const char        *display_name,
                               const char        *user,
                               const char        *password,
                               GError           **error)
{
  gboolean calendar = g_strcmp0 (extension, E_SOURCE_EXTENSION_CALENDAR) == 0;
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GUri) guri = g_uri_parse (uri, G_URI_FLAGS_NONE, error);
  g_autofree char *uid = g_strdup (e_source_get_uid (scratch));
  ESourceAuthentication *auth;
  ESource *source;

  g_return_val_if_fail (calendar || g_strcmp0 (extension, E_SOURCE_EXTENSION_ADDRESS_BOOK) == 0, NULL);

  if (guri == NULL)
    return NULL;
  e_source_set_display_name (scratch, display_name);
  e_source_set_parent (scratch, calendar ? "caldav-stub" : "carddav-stub");
  e_source_backend_set_backend_name (e_source_get_extension (scratch, extension), calendar ? "caldav" : "carddav");
  e_source_webdav_set_uri (e_source_get_extension (scratch, E_SOURCE_EXTENSION_WEBDAV_BACKEND), guri);
  auth = e_source_get_extension (scratch, E_SOURCE_EXTENSION_AUTHENTICATION);
  e_source_authentication_set_host (auth, "127.0.0.1");
  e_source_authentication_set_port (auth, self->port);
  e_source_authentication_set_user (auth, user);
  if (!e_source_registry_commit_source_sync (registry, scratch, NULL, error))
    return NULL;

  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!e_source_store_password_sync (source, password, TRUE, NULL, error))
    {
      e_source_remove_sync (source, NULL, NULL);
      g_object_unref (source);
      return NULL;
    }

  return source;
}

static void
stop_process (KithTestRadicale *self)
{
  int status = 0;

  if (self->pid == 0)
    return;

  kill (self->pid, SIGTERM);
  if (!kith_test_wait_exit (self->pid, STOP_TIMEOUT_US, &status))
    {
      /* A slow stop on a busy machine is the machine's, not the test's: said, not failed */
      g_test_message ("radicale (PID %d) did not stop within %d s; killing it", (int) self->pid,
                      (int) (STOP_TIMEOUT_US / G_USEC_PER_SEC));
      kill (self->pid, SIGKILL);
      while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
        ;
    }
  g_spawn_close_pid (self->pid);
  self->pid = 0;
}

void
kith_test_radicale_pause (KithTestRadicale *self)
{
  stop_process (self);
}

gboolean
kith_test_radicale_resume (KithTestRadicale  *self,
                           GError           **error)
{
  g_autofree char *radicale = g_find_program_in_path ("radicale");

  g_return_val_if_fail (self->pid == 0, FALSE);

  if (radicale == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "radicale is not installed");
      return FALSE;
    }
  if (spawn_and_wait (self, radicale, error))
    return TRUE;
  if (error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "radicale exited on start again on port %u (see %s)",
                 self->port, self->dir);
  return FALSE;
}

void
kith_test_radicale_stop (KithTestRadicale *self)
{
  if (self == NULL)
    return;

  stop_process (self);
  if (self->dir != NULL)
    kith_test_rm_rf (self->dir);
  g_free (self->dir);
  g_free (self->storage);
  g_free (self);
}
