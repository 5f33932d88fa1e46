/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-dovecot.h"
#include "kith-test-process.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>

/* Run by root, Dovecot serves mail as nobody:nogroup (it refuses to as root), so the fixture's
 * files must belong to them; run by anyone else, every Dovecot process is that user */
#define NOBODY 65534

#define START_TIMEOUT_US  (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US   (20 * G_USEC_PER_SEC)
#define REAP_TIMEOUT_US   (2 * G_USEC_PER_SEC)
#define START_ATTEMPTS    3
#define LOCK_WAIT_US      (5 * G_USEC_PER_SEC)

struct _KithTestDovecot
{
  char  *dir;        /* the temporary root, removed by kith_test_dovecot_stop () */
  char  *config;
  char  *mail_dir;   /* homes: mail/<user>, Maildir++ stores: mail/<user>/Maildir */
  char  *dovecot;
  char  *doveadm;
  char **users;      /* user names */
  GPid   pid;        /* of our dovecot master, 0 when not running */
  guint  port;
  guint  delivered;  /* makes maildir file names unique */
  gboolean gmail;    /* folders as Gmail has them, with a virtual All Mail */
};

/* Files and folders */

static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *what,
                 const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s %s: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

static uid_t
mail_uid (void)
{
  return geteuid () == 0 ? NOBODY : geteuid ();
}

static gid_t
mail_gid (void)
{
  return geteuid () == 0 ? NOBODY : getegid ();
}

static gboolean
own (const char *path,
     GError    **error)
{
  if (lchown (path, mail_uid (), mail_gid ()) != 0)
    return set_errno_error (error, errno, "Could not chown", path);
  return TRUE;
}

/* Creates a folder owned by the mail user; an existing one is left as it is */
static gboolean
ensure_dir (const char *path,
            GError    **error)
{
  if (g_mkdir (path, 0755) == 0)
    {
      /* Past the umask: the mail and login processes must be able to enter */
      if (g_chmod (path, 0755) != 0)
        return set_errno_error (error, errno, "Could not chmod", path);
      return own (path, error);
    }
  if (errno == EEXIST && g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  return set_errno_error (error, errno, "Could not create", path);
}

static gboolean
write_file (const char *path,
            const char *contents,
            gboolean    owned,
            GError    **error)
{
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;
  /* Past the umask: Dovecot's processes read these as other users */
  if (g_chmod (path, 0644) != 0)
    return set_errno_error (error, errno, "Could not chmod", path);
  return !owned || own (path, error);
}

static void
rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

/* Whether uid 65534 (the mail processes, when run by root) can reach a folder below base, and
 * whether the socket paths under it stay well below the 108 bytes of sun_path and the config needs no quoting */
static gboolean
usable_tmp_base (const char *base)
{
  g_autofree char *path = g_canonicalize_filename (base, NULL);

  if (strlen (path) > 40 || strpbrk (path, " \t\n\"\\#") != NULL)
    return FALSE;

  while (TRUE)
    {
      GStatBuf st;
      char *parent;

      if (g_stat (path, &st) != 0 || !S_ISDIR (st.st_mode) || (st.st_mode & S_IXOTH) == 0)
        return FALSE;
      if (strcmp (path, "/") == 0)
        return TRUE;
      parent = g_path_get_dirname (path);
      g_free (path);
      path = parent;
    }
}

static char *
make_temp_root (GError **error)
{
  const char *base = g_get_tmp_dir ();
  g_autofree char *path = NULL;

  if (!usable_tmp_base (base))
    base = "/tmp";

  path = g_build_filename (base, "kith-dovecot-XXXXXX", NULL);
  if (g_mkdtemp_full (path, 0755) == NULL)
    {
      set_errno_error (error, errno, "Could not create", path);
      return NULL;
    }
  /* Past the umask: the mail and login processes must traverse it */
  if (g_chmod (path, 0755) != 0)
    {
      set_errno_error (error, errno, "Could not chmod", path);
      rm_rf (path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static char *
read_log_tail (KithTestDovecot *self)
{
  static const char *logs[] = { "dovecot.stderr", "dovecot.log" };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_autofree char *path = g_build_filename (self->dir, logs[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL) && length > 0)
        g_string_append_printf (out, "\n--- %s ---\n%s", logs[i],
                                length > 4000 ? contents + length - 4000 : contents);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Processes */

typedef struct {
  pid_t   pid;
  pid_t   ppid;
  guint64 start;  /* clock ticks after boot: tells a reused PID apart */
  char    state;
  char    comm[32];
} ProcInfo;

static gboolean
read_proc_stat (pid_t     pid,
                ProcInfo *info)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *open, *close;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* "pid (comm) state ppid … starttime …"; comm may itself hold parentheses and spaces */
  open = strchr (contents, '(');
  close = strrchr (contents, ')');
  if (open == NULL || close == NULL || close < open || close[1] != ' ')
    return FALSE;

  fields = g_strsplit (close + 2, " ", 21);
  if (g_strv_length (fields) < 20)
    return FALSE;

  info->pid = pid;
  info->state = fields[0][0];
  info->ppid = (pid_t) g_ascii_strtoll (fields[1], NULL, 10);
  info->start = g_ascii_strtoull (fields[19], NULL, 10);
  g_strlcpy (info->comm, open + 1, MIN ((gsize) (close - open), sizeof info->comm));

  return TRUE;
}

/* Every process whose parent chain leads to master, master excluded */
static GArray *
collect_descendants (pid_t master)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (ProcInfo));
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (ProcInfo));
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      ProcInfo info;
      guint64 pid;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &pid, NULL))
        continue;
      if (!read_proc_stat ((pid_t) pid, &info))
        continue;
      g_array_append_val (all, info);
      g_hash_table_insert (parents, GINT_TO_POINTER (info.pid), GINT_TO_POINTER (info.ppid));
    }

  for (guint i = 0; i < all->len; i++)
    {
      const ProcInfo *info = &g_array_index (all, ProcInfo, i);
      pid_t ancestor = info->ppid;

      for (guint depth = 0; depth < 64 && ancestor > 1; depth++)
        {
          if (ancestor == master)
            {
              g_array_append_val (found, *info);
              break;
            }
          ancestor = GPOINTER_TO_INT (g_hash_table_lookup (parents, GINT_TO_POINTER (ancestor)));
        }
    }

  return found;
}

/* Whether the process is still there, in none of the states given (states "ZX": it runs) */
static gboolean
proc_in_other_state (const ProcInfo *info,
                     const char     *states)
{
  ProcInfo now;

  return read_proc_stat (info->pid, &now) && now.start == info->start && strchr (states, now.state) == NULL;
}

static gboolean
proc_alive (const ProcInfo *info)
{
  return proc_in_other_state (info, "ZX");
}

/* Waits until each of procs is in one of the states given, or gone */
static gboolean
wait_state (GArray     *procs,
            const char *states,
            gint64      timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (TRUE)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < procs->len && !any; i++)
        any = proc_in_other_state (&g_array_index (procs, ProcInfo, i), states);
      if (!any)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }
}

/* Waits until none of procs runs any more (zombies waiting for their parent count as gone) */
static gboolean
wait_gone (GArray *procs,
           gint64  timeout_us)
{
  return wait_state (procs, "ZX", timeout_us);
}

/* Server */

static char *
find_program (const char *name,
              const char *fallback)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (fallback, G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup (fallback);
  return path;
}

/* Special-use folders under names that are not the usual ones, so that a client finding them
 * can only have gone by the flags; Junk, Trash and Drafts exist once mail is delivered there */
#define NAMESPACES \
  "namespace inbox {\n" \
  "  inbox = yes\n" \
  "  separator = /\n" \
  "  mailbox Sent {\n" \
  "    special_use = \\Sent\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Archive {\n" \
  "    special_use = \\Archive\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Unwanted {\n" \
  "    special_use = \\Junk\n" \
  "  }\n" \
  "  mailbox Rubbish {\n" \
  "    special_use = \\Trash\n" \
  "  }\n" \
  "  mailbox Unsent {\n" \
  "    special_use = \\Drafts\n" \
  "  }\n" \
  "}\n"

/* Gmail's folders: "[Gmail]/All Mail" (\All) is a virtual mailbox of every folder but Spam and
 * Trash; a message saved or moved to it is stored in the physical "Unlabelled" folder, as an
 * archived message without labels is on Gmail. Dovecot does not announce X-GM-EXT-1. */
#define GMAIL_NAMESPACES \
  "namespace inbox {\n" \
  "  inbox = yes\n" \
  "  separator = /\n" \
  "  mailbox \"Sent Mail\" {\n" \
  "    special_use = \\Sent\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Drafts {\n" \
  "    special_use = \\Drafts\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Spam {\n" \
  "    special_use = \\Junk\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Trash {\n" \
  "    special_use = \\Trash\n" \
  "    auto = subscribe\n" \
  "  }\n" \
  "  mailbox Unlabelled {\n" \
  "    auto = create\n" \
  "  }\n" \
  "}\n" \
  "namespace gmail {\n" \
  "  prefix = [Gmail]/\n" \
  "  separator = /\n" \
  "  location = virtual:%h/virtual\n" \
  "  subscriptions = no\n" \
  "  list = children\n" \
  "  mailbox \"All Mail\" {\n" \
  "    special_use = \\All\n" \
  "  }\n" \
  "}\n"

#define GMAIL_ALL_MAIL \
  "!Unlabelled\n" \
  "*\n" \
  "-Spam\n" \
  "-Trash\n" \
  "-Drafts\n" \
  "  all\n"

/* Run by a user other than root, Dovecot cannot switch users or chroot: every process it starts
 * runs as that user (Dovecot's "rootless installation"). Empty when run by root. */
static char *
unprivileged_settings (GError **error)
{
  const char *user = g_get_user_name ();
  struct group *group;

  if (geteuid () == 0)
    return g_strdup ("");

  group = getgrgid (getegid ());
  if (group == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No name for the group %d, which Dovecot needs",
                   (int) getegid ());
      return NULL;
    }

  return g_strdup_printf ("default_internal_user = %s\n"
                          "default_internal_group = %s\n"
                          "default_login_user = %s\n"
                          "service anvil {\n"
                          "  chroot =\n"
                          "}\n"
                          "service imap-login {\n"
                          "  chroot =\n"
                          "}\n",
                          user, group->gr_name, user);
}

static gboolean
write_config (KithTestDovecot *self,
              GError         **error)
{
  g_autoptr(GString) conf = g_string_new (NULL);
  g_autofree char *unprivileged = unprivileged_settings (error);
  const char *t = self->dir;

  if (unprivileged == NULL)
    return FALSE;

  g_string_append_printf (conf,
    "# Generated by kith-test-dovecot.c\n"
    "base_dir = %s/run\n"
    "state_dir = %s/state\n"
    "instance_name = kith-test-%08x\n"
    "protocols = imap\n"
    "listen = 127.0.0.1\n"
    "ssl = no\n"
    "disable_plaintext_auth = no\n"
    "auth_mechanisms = plain login\n"
    "log_path = %s/dovecot.log\n"
    "first_valid_uid = %d\n"
    "first_valid_gid = %d\n"
    "mail_max_userip_connections = 50\n"
    "mail_location = maildir:%s/%%u/Maildir\n"
    "%s"
    "\n"
    "passdb {\n"
    "  driver = passwd-file\n"
    "  args = scheme=PLAIN username_format=%%u %s/users\n"
    "}\n"
    "userdb {\n"
    "  driver = passwd-file\n"
    "  args = username_format=%%u %s/users\n"
    "  default_fields = uid=%d gid=%d home=%s/%%u\n"
    "}\n"
    "\n"
    "service imap-login {\n"
    "  inet_listener imap {\n"
    "    address = 127.0.0.1\n"
    "    port = %u\n"
    "  }\n"
    "  inet_listener imaps {\n"
    "    port = 0\n"
    "  }\n"
    "}\n"
    "\n"
    "protocol imap {\n"
    "  mail_max_userip_connections = 50\n"
    /* RFC 6154 wants SPECIAL-USE announced once the special-use flags are in use */
    "  imap_capability = +SPECIAL-USE\n"
    "}\n"
    "\n"
    "%s"
    "%s",
    t, t, g_random_int (), t, (int) mail_uid (), (int) mail_gid (), self->mail_dir,
    self->gmail ? "mail_plugins = $mail_plugins virtual\n" : "",
    t, t, (int) mail_uid (), (int) mail_gid (), self->mail_dir, self->port, unprivileged,
    self->gmail ? GMAIL_NAMESPACES : NAMESPACES);

  return write_file (self->config, conf->str, FALSE, error);
}

/* Connects and reads the "* OK" greeting */
static gboolean
greets (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;

  g_socket_client_set_timeout (client, 1);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);
  if (connection == NULL)
    return FALSE;
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return line != NULL && g_str_has_prefix (line, "* OK");
}

typedef enum {
  START_OK,
  START_FAILED,
  START_PORT_TAKEN,
} StartResult;

static StartResult
spawn_and_wait (KithTestDovecot *self,
                GError         **error)
{
  g_autofree char *stderr_path = g_build_filename (self->dir, "dovecot.stderr", NULL);
  const char *argv[] = { self->dovecot, "-c", self->config, "-F", NULL };
  gint64 deadline;

  if (!kith_test_spawn_server (self->dir, argv, stderr_path, &self->pid, error))
    return START_FAILED;

  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (TRUE)
    {
      int status = 0;

      if (waitpid (self->pid, &status, WNOHANG) == self->pid)
        {
          g_autofree char *log = read_log_tail (self);

          g_spawn_close_pid (self->pid);
          self->pid = 0;
          if (strstr (log, "Address already in use") != NULL)
            return START_PORT_TAKEN;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "dovecot exited on start (status %d)%s",
                       status, log);
          return START_FAILED;
        }

      if (greets (self->port))
        return START_OK;

      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = read_log_tail (self);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "dovecot did not answer on 127.0.0.1:%u within 10 s%s", self->port, log);
          return START_FAILED;
        }
      g_usleep (20 * 1000);
    }
}

static gboolean
valid_user_name (const char *name)
{
  if (*name == '\0' || strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-@+", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
create_user (KithTestDovecot *self,
             const char      *name,
             GError         **error)
{
  static const char *subdirs[] = { "cur", "new", "tmp" };
  g_autofree char *home = g_build_filename (self->mail_dir, name, NULL);
  g_autofree char *maildir = g_build_filename (home, "Maildir", NULL);

  if (!ensure_dir (home, error) || !ensure_dir (maildir, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (maildir, subdirs[i], NULL);

      if (!ensure_dir (sub, error))
        return FALSE;
    }
  if (self->gmail)
    {
      g_autofree char *virtual = g_build_filename (home, "virtual", NULL);
      g_autofree char *all = g_build_filename (virtual, "All Mail", NULL);
      g_autofree char *rules = g_build_filename (all, "dovecot-virtual", NULL);

      if (!ensure_dir (virtual, error) || !ensure_dir (all, error) ||
          (!g_file_test (rules, G_FILE_TEST_EXISTS) && !write_file (rules, GMAIL_ALL_MAIL, TRUE, error)))
        return FALSE;
    }
  return TRUE;
}

static KithTestDovecot *
start (const char * const *users,
       gboolean            gmail,
       GError            **error)
{
  g_autoptr(KithTestDovecot) self = NULL;
  g_autoptr(GString) passwd = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *users_path = NULL;
  g_autofree char *state_dir = NULL;

  g_return_val_if_fail (users != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; users[i] != NULL; i++)
    {
      const char *colon = strchr (users[i], ':');
      g_autofree char *name = colon != NULL ? g_strndup (users[i], colon - users[i]) : NULL;

      if (name == NULL || !valid_user_name (name) || strpbrk (colon + 1, ":\r\n") != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Users are given as \"name:password\", the password without ':' (not \"%s\")",
                       users[i]);
          return NULL;
        }
      g_string_append_printf (passwd, "%s:{PLAIN}%s::::::\n", name, colon + 1);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_add (names, NULL);

  self = g_new0 (KithTestDovecot, 1);
  self->users = (char **) g_ptr_array_steal (names, NULL);
  self->gmail = gmail;

  self->dovecot = find_program ("dovecot", "/usr/sbin/dovecot");
  self->doveadm = find_program ("doveadm", "/usr/bin/doveadm");
  if (self->dovecot == NULL || self->doveadm == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "dovecot or doveadm is not installed (Debian package dovecot-imapd)");
      return NULL;
    }

  self->dir = make_temp_root (error);
  if (self->dir == NULL)
    return NULL;
  self->config = g_build_filename (self->dir, "dovecot.conf", NULL);
  self->mail_dir = g_build_filename (self->dir, "mail", NULL);
  users_path = g_build_filename (self->dir, "users", NULL);
  state_dir = g_build_filename (self->dir, "state", NULL);

  /* The auth process reads the users as the dovecot user */
  if (!write_file (users_path, passwd->str, FALSE, error) ||
      !ensure_dir (state_dir, error) ||
      !ensure_dir (self->mail_dir, error))
    return NULL;
  for (guint i = 0; self->users[i] != NULL; i++)
    if (!create_user (self, self->users[i], error))
      return NULL;

  /* Another process may take the port between our probe and dovecot's bind: try a new one then */
  for (guint attempt = 1; ; attempt++)
    {
      StartResult result;

      self->port = kith_test_pick_free_port (error);
      if (self->port == 0 || !write_config (self, error))
        return NULL;

      result = spawn_and_wait (self, error);
      if (result == START_OK)
        break;
      if (result == START_FAILED)
        return NULL;
      if (attempt == START_ATTEMPTS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                       "dovecot found every port taken, %u times", attempt);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

KithTestDovecot *
kith_test_dovecot_start (const char * const *users,
                         GError            **error)
{
  return start (users, FALSE, error);
}

KithTestDovecot *
kith_test_dovecot_start_gmail (const char * const *users,
                               GError            **error)
{
  return start (users, TRUE, error);
}

guint
kith_test_dovecot_get_port (KithTestDovecot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

void
kith_test_dovecot_stop (KithTestDovecot *self)
{
  if (self == NULL)
    return;

  if (self->pid > 0)
    {
      /* Known now: once the master is gone its children are no longer found by their parent */
      g_autoptr(GArray) children = collect_descendants (self->pid);
      int status = 0;

      /* Stopped alone, the master takes a second, and the imap process of a connection that is
       * still open goes on serving it after the master has gone (with log and stats waiting for
       * it). So every process of this instance is told to stop, the master first so that it
       * starts no new ones; the imap processes say "* BYE Server shutting down" to their clients. */
      kill (self->pid, SIGTERM);
      for (guint i = 0; i < children->len; i++)
        {
          const ProcInfo *info = &g_array_index (children, ProcInfo, i);

          if (proc_alive (info))
            kill (info->pid, SIGTERM);
        }
      if (!kith_test_wait_exit (self->pid, STOP_TIMEOUT_US, &status))
        {
          /* A slow stop on a busy machine is the machine's, not the test's: said, not failed */
          g_test_message ("dovecot (PID %d) did not stop within %d s; killing it", (int) self->pid,
                          (int) (STOP_TIMEOUT_US / G_USEC_PER_SEC));
          kill (self->pid, SIGKILL);
          while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
            ;
        }
      g_spawn_close_pid (self->pid);
      self->pid = 0;

      if (!wait_gone (children, REAP_TIMEOUT_US))
        {
          for (guint i = 0; i < children->len; i++)
            {
              const ProcInfo *info = &g_array_index (children, ProcInfo, i);

              if (proc_alive (info))
                kill (info->pid, SIGKILL);
            }
          wait_gone (children, REAP_TIMEOUT_US);
        }
    }

  if (self->dir != NULL)
    rm_rf (self->dir);

  g_free (self->dir);
  g_free (self->config);
  g_free (self->mail_dir);
  g_free (self->dovecot);
  g_free (self->doveadm);
  g_strfreev (self->users);
  g_free (self);
}

/* Whether a Dovecot lock file ("dovecot-uidlist.lock", "dovecot.index.log.newlock"…) is anywhere below path */
static gboolean
has_lock_file (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      GStatBuf st;

      if (g_str_has_suffix (name, "lock"))
        return TRUE;
      /* Messages only, thousands of them */
      if (strcmp (name, "cur") == 0 || strcmp (name, "new") == 0)
        continue;
      child = g_build_filename (path, name, NULL);
      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode) && has_lock_file (child))
        return TRUE;
    }

  return FALSE;
}

guint
kith_test_dovecot_kill_imap (KithTestDovecot *self)
{
  gint64 deadline = g_get_monotonic_time () + LOCK_WAIT_US;

  g_return_val_if_fail (self != NULL, 0);

  if (self->pid <= 0)
    return 0;

  /* Every session of a mailbox waits for a lock file that a killed process left behind: seconds
   * when it names the dead process, two minutes when it names none (not written yet, or one that
   * becomes the new file). So the imap processes are stopped first, and killed only when no lock
   * file is there; else they go on, and are stopped again a moment later. */
  while (TRUE)
    {
      g_autoptr(GArray) children = collect_descendants (self->pid);
      g_autoptr(GArray) stopped = g_array_new (FALSE, FALSE, sizeof (ProcInfo));

      for (guint i = 0; i < children->len; i++)
        {
          const ProcInfo *info = &g_array_index (children, ProcInfo, i);

          if (strcmp (info->comm, "imap") == 0 && info->state != 'Z' && kill (info->pid, SIGSTOP) == 0)
            g_array_append_val (stopped, *info);
        }
      if (stopped->len == 0)
        return 0;

      if (wait_state (stopped, "TtZX", REAP_TIMEOUT_US) && !has_lock_file (self->mail_dir))
        {
          for (guint i = 0; i < stopped->len; i++)
            kill (g_array_index (stopped, ProcInfo, i).pid, SIGKILL);
          wait_gone (stopped, REAP_TIMEOUT_US);
          return stopped->len;
        }

      for (guint i = 0; i < stopped->len; i++)
        kill (g_array_index (stopped, ProcInfo, i).pid, SIGCONT);
      if (g_get_monotonic_time () > deadline)
        return 0;
      g_usleep (1000);
    }
}

/* Mailboxes */

static gboolean
check_user (KithTestDovecot *self,
            const char      *user,
            GError         **error)
{
  if (user != NULL && g_strv_contains ((const char * const *) self->users, user))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No user \"%s\" on this server",
               user != NULL ? user : "(null)");
  return FALSE;
}

/* "INBOX" or names like "Sent" and "Archive/2024" ('/' separates levels, '.' does on disk) */
static gboolean
check_folder (const char *folder,
              GError    **error)
{
  gboolean valid = folder != NULL && *folder != '\0' && *folder != '/' &&
                   !g_str_has_suffix (folder, "/") && strstr (folder, "//") == NULL &&
                   strpbrk (folder, ".\t\r\n") == NULL;

  if (!valid)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a usable folder name: \"%s\"",
                 folder != NULL ? folder : "(null)");
  return valid;
}

static gboolean
is_inbox (const char *folder)
{
  return g_ascii_strcasecmp (folder, "INBOX") == 0;
}

static char *
maildir_path (KithTestDovecot *self,
              const char      *user)
{
  return g_build_filename (self->mail_dir, user, "Maildir", NULL);
}

static char *
folder_path (KithTestDovecot *self,
             const char      *user,
             const char      *folder)
{
  g_autofree char *maildir = maildir_path (self, user);
  g_autofree char *name = NULL;

  if (is_inbox (folder))
    return g_steal_pointer (&maildir);

  name = g_strconcat (".", folder, NULL);
  g_strdelimit (name, "/", '.');
  return g_build_filename (maildir, name, NULL);
}

/* Adds folder to the subscriptions file, in the format found there ("V\t2" with tab-separated
 * levels in what Dovecot 2.3 writes, '/'-separated names in the old one) */
static gboolean
subscribe (const char *maildir,
           const char *folder,
           GError    **error)
{
  g_autofree char *path = g_build_filename (maildir, "subscriptions", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *entry = g_strdup (folder);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) updated = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    contents = g_strdup ("V\t2\n\n");
  if (g_str_has_prefix (contents, "V\t2\n"))
    g_strdelimit (entry, "/", '\t');

  lines = g_strsplit (contents, "\n", -1);
  if (g_strv_contains ((const char * const *) lines, entry))
    return TRUE;

  updated = g_string_new (contents);
  if (updated->len > 0 && updated->str[updated->len - 1] != '\n')
    g_string_append_c (updated, '\n');
  g_string_append_printf (updated, "%s\n", entry);

  return write_file (path, updated->str, TRUE, error);
}

static char *
ensure_folder (KithTestDovecot *self,
               const char      *user,
               const char      *folder,
               GError         **error)
{
  static const char *subdirs[] = { "cur", "new", "tmp" };
  g_autofree char *maildir = maildir_path (self, user);
  g_autofree char *path = folder_path (self, user, folder);

  if (!create_user (self, user, error) || !ensure_dir (path, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (path, subdirs[i], NULL);

      if (!ensure_dir (sub, error))
        return NULL;
    }

  if (!is_inbox (folder))
    {
      g_autofree char *marker = g_build_filename (path, "maildirfolder", NULL);

      if (!g_file_test (marker, G_FILE_TEST_EXISTS) && !write_file (marker, "", TRUE, error))
        return NULL;
      if (!subscribe (maildir, folder, error))
        return NULL;
    }

  return g_steal_pointer (&path);
}

gboolean
kith_test_dovecot_set_writable (KithTestDovecot *self,
                                const char      *user,
                                const char      *folder,
                                gboolean         writable,
                                GError         **error)
{
  static const char *subdirs[] = { "", "cur", "new", "tmp" };
  g_autofree char *path = NULL;

  if (!check_user (self, user, error) || !check_folder (folder, error))
    return FALSE;
  path = ensure_folder (self, user, folder, error);
  if (path == NULL)
    return FALSE;

  /* By mode, not owner: the mail processes own the folder, and run as the test's user when that
   * is not root (who could not give it away) */
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (path, subdirs[i], NULL);

      if (g_chmod (dir, writable ? 0755 : 0555) != 0)
        return set_errno_error (error, errno, "Could not chmod", dir);
    }

  return TRUE;
}

static int
compare_chars (gconstpointer a,
               gconstpointer b)
{
  return *(const char *) a - *(const char *) b;
}

gboolean
kith_test_dovecot_deliver (KithTestDovecot *self,
                           const char      *user,
                           const char      *folder,
                           const char      *message,
                           const char      *flags,
                           GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *sorted = g_strdup (flags != NULL ? flags : "");
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *cur_path = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_user (self, user, error) || !check_folder (folder, error))
    return FALSE;

  /* Maildir info: flags are single letters in ASCII order (uppercase standard, lowercase keywords) */
  for (const char *p = sorted; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not maildir flags: \"%s\"", flags);
        return FALSE;
      }
  qsort (sorted, strlen (sorted), 1, compare_chars);

  path = ensure_folder (self, user, folder, error);
  if (path == NULL)
    return FALSE;

  /* Written in tmp/ and moved into cur/ so that Dovecot never sees half a message */
  base = g_strdup_printf ("%" G_GINT64_FORMAT ".M%" G_GINT64_FORMAT "P%dQ%u.kith-test",
                          now / G_USEC_PER_SEC, now % G_USEC_PER_SEC, (int) getpid (),
                          ++self->delivered);
  tmp_path = g_build_filename (path, "tmp", base, NULL);
  cur_path = g_strdup_printf ("%s/cur/%s:2,%s", path, base, sorted);

  if (!g_file_set_contents_full (tmp_path, message, -1, G_FILE_SET_CONTENTS_NONE, 0644, error))
    return FALSE;
  if (g_chmod (tmp_path, 0644) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_errno_error (error, saved_errno, "Could not chmod", tmp_path);
    }
  if (!own (tmp_path, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, cur_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_errno_error (error, saved_errno, "Could not move a message to", cur_path);
    }

  return TRUE;
}

guint
kith_test_dovecot_count (KithTestDovecot *self,
                         const char      *user,
                         const char      *folder)
{
  static const char *subdirs[] = { "cur", "new" };
  g_autofree char *path = NULL;
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (!check_user (self, user, NULL) || !check_folder (folder, NULL))
    return 0;

  path = folder_path (self, user, folder);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (path, subdirs[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (sub, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          count++;
    }

  return count;
}

/* doveadm */

/* Runs doveadm -c <our config> args…; its stdout goes to output. Exit codes 67 (no such user)
 * and 68 (no such mailbox) come back as G_IO_ERROR_NOT_FOUND. */
static gboolean
run_doveadm (KithTestDovecot *self,
             char           **output,
             GError         **error,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, self->doveadm);
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, self->config);
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (self->dir, (char **) argv->pdata, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (status, &local_error))
    {
      gboolean not_found = g_error_matches (local_error, G_SPAWN_EXIT_ERROR, 67) ||
                           g_error_matches (local_error, G_SPAWN_EXIT_ERROR, 68);

      command = g_strjoinv (" ", (char **) argv->pdata + 3);
      g_set_error (error, G_IO_ERROR, not_found ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                   "doveadm %s: %s: %s", command, local_error->message, g_strstrip (err));
      return FALSE;
    }

  if (output != NULL)
    *output = g_steal_pointer (&out);
  return TRUE;
}

static char *
bracket_message_id (const char *id)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (id));

  if (trimmed[0] == '<')
    return g_steal_pointer (&trimmed);
  return g_strdup_printf ("<%s>", trimmed);
}

gboolean
kith_test_dovecot_set_uidvalidity (KithTestDovecot *self,
                                   const char      *user,
                                   const char      *folder,
                                   guint32          uidvalidity,
                                   GError         **error)
{
  g_autofree char *value = g_strdup_printf ("%" G_GUINT32_FORMAT, uidvalidity);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (uidvalidity != 0, FALSE);

  if (!check_user (self, user, error) || !check_folder (folder, error))
    return FALSE;

  return run_doveadm (self, NULL, error, "mailbox", "update", "--uid-validity", value, "-u", user,
                      folder, NULL);
}

/* Fails with G_IO_ERROR_NOT_FOUND unless folder holds a message with this Message-ID */
static gboolean
find_message (KithTestDovecot *self,
              const char      *user,
              const char      *folder,
              const char      *message_id,
              GError         **error)
{
  g_autofree char *found = NULL;

  if (!run_doveadm (self, &found, error, "search", "-u", user, "mailbox", folder, "header", "Message-ID",
                    message_id, NULL))
    return FALSE;
  if (*g_strstrip (found) != '\0')
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No message %s in %s's %s", message_id, user,
               folder);
  return FALSE;
}

gboolean
kith_test_dovecot_expunge (KithTestDovecot *self,
                           const char      *user,
                           const char      *folder,
                           const char      *message_id,
                           GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  if (!check_user (self, user, error) || !check_folder (folder, error))
    return FALSE;

  id = bracket_message_id (message_id);
  return find_message (self, user, folder, id, error) &&
         run_doveadm (self, NULL, error, "expunge", "-u", user, "mailbox", folder, "header", "Message-ID",
                      id, NULL);
}

gboolean
kith_test_dovecot_move (KithTestDovecot *self,
                        const char      *user,
                        const char      *from_folder,
                        const char      *to_folder,
                        const char      *message_id,
                        GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  if (!check_user (self, user, error) || !check_folder (from_folder, error) ||
      !check_folder (to_folder, error))
    return FALSE;

  id = bracket_message_id (message_id);
  return find_message (self, user, from_folder, id, error) &&
         run_doveadm (self, NULL, error, "move", "-u", user, to_folder, "mailbox", from_folder, "header",
                      "Message-ID", id, NULL);
}

gboolean
kith_test_dovecot_add_flag (KithTestDovecot *self,
                            const char      *user,
                            const char      *folder,
                            const char      *message_id,
                            const char      *flag,
                            GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL && flag != NULL, FALSE);

  if (!check_user (self, user, error) || !check_folder (folder, error))
    return FALSE;

  id = bracket_message_id (message_id);
  return find_message (self, user, folder, id, error) &&
         run_doveadm (self, NULL, error, "flags", "add", "-u", user, flag, "mailbox", folder, "header",
                      "Message-ID", id, NULL);
}

/* Messages */

/* RFC 2047 encoded words of at most 39 bytes of UTF-8 each (64 characters), folded, so that
 * even the first line, after "Subject: ", stays within 78 characters */
static void
append_encoded (GString    *out,
                const char *value)
{
  const char *p = value;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      while (*end != '\0' && g_utf8_next_char (end) - p <= 39)
        end = g_utf8_next_char (end);
      if (end == p)
        end = g_utf8_next_char (p);

      encoded = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", p == value ? "" : "\r\n ", encoded);
      p = end;
    }
}

char *
kith_test_mail_message (const char *from,
                        const char *to,
                        const char *cc,
                        const char *subject,
                        const char *message_id,
                        const char *in_reply_to,
                        const char *references,
                        gint64      date,
                        const char *body)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (date);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *id = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (subject == NULL || g_utf8_validate (subject, -1, NULL), NULL);

  if (subject == NULL)
    subject = "";
  if (body == NULL)
    body = "";
  if (message_id != NULL)
    id = bracket_message_id (message_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      id = g_strdup_printf ("<%s@kith.test>", uuid);
    }

  g_string_append_printf (out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
                          days[g_date_time_get_day_of_week (when) - 1],
                          g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1],
                          g_date_time_get_year (when), g_date_time_get_hour (when),
                          g_date_time_get_minute (when), g_date_time_get_second (when));
  g_string_append_printf (out, "From: %s\r\n", from);
  g_string_append_printf (out, "To: %s\r\n", to);
  if (cc != NULL)
    g_string_append_printf (out, "Cc: %s\r\n", cc);

  g_string_append (out, "Subject: ");
  if (g_str_is_ascii (subject))
    g_string_append (out, subject);
  else
    append_encoded (out, subject);
  g_string_append (out, "\r\n");

  g_string_append_printf (out, "Message-ID: %s\r\n", id);
  if (in_reply_to != NULL)
    {
      g_autofree char *parent = bracket_message_id (in_reply_to);

      g_string_append_printf (out, "In-Reply-To: %s\r\n", parent);
    }
  if (references != NULL)
    {
      g_auto(GStrv) ids = g_strsplit_set (references, " \t\r\n", -1);
      gsize line_length = strlen ("References:");
      gboolean any = FALSE;

      g_string_append (out, "References:");
      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autofree char *ref = NULL;

          if (ids[i][0] == '\0')
            continue;
          ref = bracket_message_id (ids[i]);
          /* Folded before a line passes 78 characters */
          if (any && line_length + 1 + strlen (ref) > 78)
            {
              g_string_append (out, "\r\n");
              line_length = 0;
            }
          g_string_append_printf (out, " %s", ref);
          line_length += 1 + strlen (ref);
          any = TRUE;
        }
      g_string_append (out, "\r\n");
    }

  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append (out, "Content-Type: text/plain; charset=utf-8\r\n");
  g_string_append_printf (out, "Content-Transfer-Encoding: %s\r\n", g_str_is_ascii (body) ? "7bit" : "8bit");
  g_string_append (out, "\r\n");

  for (const char *p = body; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        {
          g_string_append (out, "\r\n");
          if (p[0] == '\r' && p[1] == '\n')
            p++;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }
  if (*body != '\0' && !g_str_has_suffix (out->str, "\r\n"))
    g_string_append (out, "\r\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
