/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "kith-files.h"
#include "kith-test-util.h"

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* What one drop gave: the files attached (KithFile) and those that could not be (KithFileFailure) */
typedef struct {
  GPtrArray *attached;
  GPtrArray *failures;
} Drop;

static void
drop_free (Drop *drop)
{
  g_clear_pointer (&drop->attached, g_ptr_array_unref);
  g_clear_pointer (&drop->failures, g_ptr_array_unref);
  g_free (drop);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drop, drop_free)

/* %NULL when nothing was attached, with @error set */
static Drop *
attach_all (KithTestStore          *t,
            gint64                  record_id,
            GSList                 *files,
            KithFilesMode           mode,
            KithFilesProgressFunc   progress_func,
            gpointer                progress_data,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(Drop) drop = g_new0 (Drop, 1);

  drop->attached = kith_files_attach (t->store, record_id, files, mode, progress_func, progress_data,
                                      &drop->failures, cancellable, error);
  return drop->attached != NULL ? g_steal_pointer (&drop) : NULL;
}

static Drop *
attach (KithTestStore  *t,
        gint64          record_id,
        GFile          *file,
        KithFilesMode   mode,
        GError        **error)
{
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);

  return attach_all (t, record_id, files, mode, NULL, NULL, NULL, error);
}

static guint
n_attached (Drop *drop)
{
  return drop->attached->len;
}

static KithFile *
attached (Drop  *drop,
          guint  i)
{
  return g_ptr_array_index (drop->attached, i);
}

static KithFileFailure *
failure_of (Drop  *drop,
            guint  i)
{
  g_assert_cmpuint (i, <, drop->failures->len);
  return g_ptr_array_index (drop->failures, i);
}

/* Every file under @path, links included, as "sub/name" in sorted order */
static void
list_tree (const char *path,
           const char *prefix,
           GPtrArray  *out)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *shown = *prefix != '\0' ? g_strdup_printf ("%s/%s", prefix, name) : g_strdup (name);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        list_tree (child, shown, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&shown));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* What is in the record's copies folder */
static GPtrArray *
copies_of (KithTestStore *t,
           gint64         record_id)
{
  g_autofree char *folder = kith_files_dup_folder (t->store);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);
  g_autofree char *path = g_build_filename (folder, id, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  list_tree (path, "", out);
  g_ptr_array_sort (out, compare_names);
  return out;
}

static void
test_copy_link_folder_and_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = g_build_filename (t->dir, "outside", NULL);
  g_autofree char *folder = g_build_filename (outside, "Oak Street", NULL);
  g_autoptr(GFile) offer = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(Drop) result = NULL;
  g_autoptr(Drop) linked = NULL;
  g_autoptr(KithFile) removed = NULL;
  g_autoptr(KithFile) restored = NULL;
  gint64 restored_id;
  g_autoptr(GListModel) files = NULL;
  g_autofree char *copy_path = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  offer = write_file (outside, "offer.pdf", "%PDF-1.4 offer");
  write_file (folder, "photo.jpg", "jpeg");
  write_file (folder, "plan.txt", "plan");
  write_file (folder, ".hidden", "no");
  dir = g_file_new_for_path (folder);

  /* Copied by default, into the data dir */
  g_assert_cmpint (kith_files_get_mode (t->store), ==, KITH_FILES_COPY);
  result = attach (t, ada, offer, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (result), ==, 1);
  {
    KithFile *entry = attached (result, 0);
    g_autoptr(GFile) copy = g_file_new_for_uri (kith_file_get_uri (entry));
    g_autofree char *files_dir = kith_files_dup_folder (t->store);

    copy_path = g_file_get_path (copy);
    g_assert_true (g_str_has_prefix (copy_path, files_dir));
    g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
    id = kith_file_get_id (entry);
    g_assert_cmpint (kith_file_get_record_id (entry), ==, ada);
    g_assert_cmpstr (kith_file_get_name (entry), ==, "offer.pdf");
    g_assert_cmpint (kith_file_get_size (entry), ==, strlen ("%PDF-1.4 offer"));
    g_assert_true (kith_file_get_copied (entry));
  }

  /* The same name again gets a free name */
  again = g_file_new_for_path (g_file_peek_path (offer));
  g_clear_pointer (&result, drop_free);
  result = attach (t, ada, again, KITH_FILES_COPY, &error);
  g_assert_nonnull (strstr (kith_file_get_uri (attached (result, 0)), "offer%20(2).pdf"));

  /* A folder attaches its files (not hidden ones), linked where they are */
  linked = attach (t, ada, dir, KITH_FILES_LINK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (linked), ==, 2);

  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 4);

  /* Removing moves the copy aside; Undo brings it back */
  removed = kith_files_remove (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_object (&files);
  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 3);
  restored_id = kith_files_restore (t->store, removed, &error);
  g_assert_cmpint (restored_id, >, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_object (&files);
  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 4);

  /* Back as it was, its copy where it was */
  restored = kith_store_get_file (t->store, restored_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_file_get_record_id (restored), ==, ada);
  g_assert_cmpstr (kith_file_get_name (restored), ==, kith_file_get_name (removed));
  g_assert_cmpstr (kith_file_get_uri (restored), ==, kith_file_get_uri (removed));
  g_assert_cmpstr (kith_file_get_content_type (restored), ==, kith_file_get_content_type (removed));
  g_assert_cmpint (kith_file_get_size (restored), ==, kith_file_get_size (removed));
  g_assert_true (kith_file_get_copied (restored));
}

static void
test_unreadable (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_path = g_build_filename (t->dir, "gone.txt", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(Drop) result = NULL;
  KithFileFailure *failure;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  result = attach (t, ada, missing, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (result), ==, 0);
  failure = failure_of (result, 0);
  /* names the file, and says why */
  g_assert_nonnull (strstr (failure->name, "gone.txt"));
  g_assert_cmpstr (failure->reason, !=, "");

  g_assert_null (attach (t, 4242, missing, KITH_FILES_COPY, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* A folder with links in it: to itself (a loop), to a folder outside, to a file outside */
static void
test_symlinks_not_followed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_build_filename (t->dir, "dot-ssh", NULL);
  g_autofree char *folder = g_build_filename (t->dir, "Listing", NULL);
  g_autofree char *keys = g_build_filename (folder, "keys", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) keys_link = g_file_new_for_path (keys);
  g_autoptr(Drop) result = NULL;
  g_autoptr(Drop) dropped_link = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GListModel) stored = NULL;
  KithFileFailure *failure;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  g_assert_cmpint (g_mkdir_with_parents (secret, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_object_unref (write_file (secret, "id_ed25519", "PRIVATE KEY"));
  g_object_unref (write_file (folder, "photo.jpg", "jpeg"));
  g_object_unref (write_file (folder, "plan.txt", "plan"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("loop%u", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_cmpint (symlink (".", path), ==, 0);
    }
  g_assert_cmpint (symlink (secret, keys), ==, 0);
  {
    g_autofree char *target = g_build_filename (secret, "id_ed25519", NULL);
    g_autofree char *path = g_build_filename (folder, "key.txt", NULL);

    g_assert_cmpint (symlink (target, path), ==, 0);
  }

  result = attach (t, ada, dir, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (result), ==, 2);
  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, "photo.jpg");
  g_assert_cmpstr (g_ptr_array_index (copies, 1), ==, "plan.txt");
  stored = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 2);

  /* The link dropped by itself: not followed, and the failure says so */
  dropped_link = attach (t, ada, keys_link, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (dropped_link), ==, 0);
  failure = failure_of (dropped_link, 0);
  g_assert_nonnull (strstr (failure->name, "keys"));
  g_assert_nonnull (strstr (failure->reason, "link"));
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, 2);
}

typedef struct {
  const char *folder;
  const char *secret;
  gboolean    swapped;
} Swap;

/* At the first file's copy, puts a link to the secret in place of the other file */
static void
swap_other_for_link (const char *name,
                     guint       n_done,
                     guint       n_files,
                     goffset     bytes_done,
                     goffset     bytes_total,
                     gpointer    user_data)
{
  Swap *swap = user_data;
  g_autofree char *other = NULL;

  if (swap->swapped)
    return;
  swap->swapped = TRUE;
  other = g_build_filename (swap->folder, g_str_equal (name, "a.txt") ? "b.txt" : "a.txt", NULL);
  g_assert_cmpint (g_unlink (other), ==, 0);
  g_assert_cmpint (symlink (swap->secret, other), ==, 0);
}

/* A file replaced by a link between the look at the folder and its copy is not copied */
static void
test_link_swapped_in_not_followed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "Drop", NULL);
  g_autofree char *secret = g_build_filename (t->dir, "id_ed25519", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GSList) files = g_slist_prepend (NULL, dir);
  g_autoptr(Drop) result = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  Swap swap = { folder, secret, FALSE };
  KithFileFailure *failure;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (secret, "PRIVATE KEY", -1, NULL));
  g_object_unref (write_file (folder, "a.txt", "a"));
  g_object_unref (write_file (folder, "b.txt", "b"));

  result = attach_all (t, ada, files, KITH_FILES_COPY, swap_other_for_link, &swap, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (swap.swapped);
  g_assert_cmpuint (n_attached (result), ==, 1);
  failure = failure_of (result, 0);
  g_assert_nonnull (strstr (failure->reason, "replaced"));

  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, 1);
  {
    g_autofree char *folder_path = kith_files_dup_folder (t->store);
    g_autofree char *copy = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%s", folder_path, ada,
                                             (char *) g_ptr_array_index (copies, 0));
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (copy, &contents, NULL, NULL));
    g_assert_cmpstr (contents, !=, "PRIVATE KEY");
  }
}

static void
test_at_most_per_drop (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "Scans", NULL);
  g_autofree char *sub = g_build_filename (folder, "more", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(Drop) result = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autofree char *limit = g_strdup_printf ("%u", KITH_FILES_MAX_PER_DROP);
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  /* Exactly as many as allowed, some in a subfolder */
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < KITH_FILES_MAX_PER_DROP; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan%04u.txt", i);

      g_object_unref (write_file (i % 2 ? folder : sub, name, "x"));
    }
  result = attach (t, ada, dir, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (result), ==, KITH_FILES_MAX_PER_DROP);

  /* One more: an error naming the folder and the limit, and nothing attached or copied */
  g_object_unref (write_file (sub, "one-more.txt", "x"));
  g_clear_pointer (&result, drop_free);
  result = attach (t, ada, dir, KITH_FILES_COPY, &error);
  g_assert_null (result);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Scans"));
  g_assert_nonnull (strstr (error->message, limit));
  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, KITH_FILES_MAX_PER_DROP);
  stored = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, KITH_FILES_MAX_PER_DROP);
}

#define BIG_SIZE (4 * 1024 * 1024)

static GFile *
write_big (const char *dir,
           const char *name)
{
  g_autofree char *data = g_malloc (BIG_SIZE);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  memset (data, 'k', BIG_SIZE);
  g_assert_true (g_file_set_contents (path, data, BIG_SIZE, NULL));
  return g_file_new_for_path (path);
}

/* The disk filling up half-way through a copy: the kernel refuses writes past a file size
 * limit (EFBIG) just as it does when the disk is full. */
static void
test_failed_copy_leaves_nothing (void)
{
  g_autoptr(KithTestStore) t = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(Drop) result = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  KithFileFailure *failure;
  struct rlimit limit = { 3 * 1024 * 1024, RLIM_INFINITY };  /* under the big file, over the store's log */
  gint64 ada;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  t = kith_test_store_new ();
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  folder = g_build_filename (t->dir, "Survey", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_object_unref (write_big (folder, "survey.tiff"));
  g_object_unref (write_file (folder, "notes.txt", "small"));
  dir = g_file_new_for_path (folder);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  result = attach (t, ada, dir, KITH_FILES_COPY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached (result), ==, 1);
  failure = failure_of (result, 0);
  g_assert_nonnull (strstr (failure->name, "survey.tiff"));
  g_assert_cmpstr (failure->reason, !=, "");
  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, "notes.txt");
}

typedef struct {
  GCancellable *cancellable;
  guint         cancel_in_file;
} CancelAt;

static void
cancel_in_file (const char *name,
                guint       n_done,
                guint       n_files,
                goffset     bytes_done,
                goffset     bytes_total,
                gpointer    user_data)
{
  CancelAt *at = user_data;

  /* some of the file is copied, not all */
  if (n_done == at->cancel_in_file && bytes_done > (goffset) at->cancel_in_file * BIG_SIZE)
    g_cancellable_cancel (at->cancellable);
}

static void
test_cancelled_copy_leaves_nothing (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *folder = g_build_filename (t->dir, "Survey", NULL);
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  g_autoptr(GFile) dir = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_object_unref (write_big (folder, "a.tiff"));
  g_object_unref (write_big (folder, "b.tiff"));
  dir = g_file_new_for_path (folder);

  /* In the first file, and in the second when the first is copied */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GSList) files = g_slist_prepend (NULL, dir);
      g_autoptr(GError) error = NULL;
      g_autoptr(Drop) result = NULL;
      g_autoptr(GPtrArray) copies = NULL;
      g_autoptr(GListModel) stored = NULL;
      CancelAt at = { cancellable, i };

      result = attach_all (t, ada, files, KITH_FILES_COPY, cancel_in_file, &at, cancellable, &error);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      copies = copies_of (t, ada);
      g_assert_cmpuint (copies->len, ==, 0);
      stored = kith_store_list_files (t->store, ada, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
    }
}

static void
test_safe_names (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "report.pdf", "report.pdf" },
    { "../../etc/passwd", "_.._etc_passwd" },
    { "a/b\\c.txt", "a_b_c.txt" },
    { ".", "file" },
    { "..", "file" },
    { "", "file" },
    { NULL, "file" },
    { ".bashrc", "bashrc" },
    { "  spaced  ", "spaced" },
    { "line\nbreak\ttab\x7f.txt", "line break tab.txt" },
    { "\033[31mred\033[0m \033]0;title\007invoice.pdf", "red invoice.pdf" },   /* escape sequences */
    { "invoice\xe2\x80\xae" "fdp.exe", "invoicefdp.exe" },   /* U+202E RIGHT-TO-LEFT OVERRIDE */
    { "bad\xff\xfeutf8", "bad\xef\xbf\xbd\xef\xbf\xbdutf8" },
  };
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *capped = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = kith_files_safe_name (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
    }

  /* Long names are cut at a character boundary, keeping the extension */
  for (guint i = 0; i < 150; i++)
    g_string_append (long_name, "é");
  g_string_append (long_name, ".pdf");
  capped = kith_files_safe_name (long_name->str);
  g_assert_cmpuint (strlen (capped), <=, 200);
  g_assert_true (g_utf8_validate (capped, -1, NULL));
  g_assert_true (g_str_has_suffix (capped, "é.pdf"));
}

/* A name that is not safe on disk gets a safe one, also when copying */
static void
test_copies_get_safe_names (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "odd", NULL);
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GFile) odd = NULL;
  g_autoptr(GFile) hidden = NULL;
  g_autoptr(GFile) longer = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  for (guint i = 0; i < 120; i++)
    g_string_append (long_name, "é");
  g_string_append (long_name, ".jpg");

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  odd = write_file (folder, "line\nbreak.txt", "odd");
  hidden = write_file (folder, ".profile", "hidden");
  longer = write_file (folder, long_name->str, "long");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Drop) a = attach (t, ada, odd, KITH_FILES_COPY, &error);
      g_autoptr(Drop) b = attach (t, ada, hidden, KITH_FILES_COPY, &error);
      g_autoptr(Drop) c = attach (t, ada, longer, KITH_FILES_COPY, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (n_attached (a) + n_attached (b) + n_attached (c), ==, 3);
    }

  copies = copies_of (t, ada);
  g_assert_cmpuint (copies->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, "line break (2).txt");
  g_assert_cmpstr (g_ptr_array_index (copies, 1), ==, "line break.txt");
  g_assert_cmpstr (g_ptr_array_index (copies, 2), ==, "profile");
  g_assert_cmpstr (g_ptr_array_index (copies, 3), ==, "profile (2)");
  g_assert_true (g_str_has_suffix (g_ptr_array_index (copies, 4), "é (2).jpg"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (copies, 5), "é.jpg"));
  g_assert_cmpuint (strlen (g_ptr_array_index (copies, 5)), <=, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/files/copy-link-folder-undo", test_copy_link_folder_and_undo);
  g_test_add_func ("/files/unreadable", test_unreadable);
  g_test_add_func ("/files/symlinks-not-followed", test_symlinks_not_followed);
  g_test_add_func ("/files/at-most-per-drop", test_at_most_per_drop);
  g_test_add_func ("/files/failed-copy-leaves-nothing", test_failed_copy_leaves_nothing);
  g_test_add_func ("/files/cancelled-copy-leaves-nothing", test_cancelled_copy_leaves_nothing);
  g_test_add_func ("/files/link-swapped-in-not-followed", test_link_swapped_in_not_followed);
  g_test_add_func ("/files/safe-names", test_safe_names);
  g_test_add_func ("/files/copies-get-safe-names", test_copies_get_safe_names);

  return g_test_run ();
}
