/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMessageView under Xvfb: a text body is shown with its links; an HTML body runs no script
 * and fetches nothing until Load Images — checked against a real HTTP server on 127.0.0.1 that
 * counts what reaches it; a clicked link is handed out, never followed by the view.
 * KithMessageWindow, opened from a profile's timeline in the real window: who the email is
 * from and to, and when, above its body, with nothing selected.
 */

#include <adwaita.h>
#include <webkit/webkit.h>

#include "kith-message-view.h"
#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

/* A tiny HTTP server: answers every request with a 1×1 PNG and remembers the paths */
typedef struct {
  GSocketService *service;
  guint16         port;
  GMutex          lock;
  GPtrArray      *paths;
  GBytes         *png;
} Server;

static gboolean
on_server_run_cb (GThreadedSocketService *service,
                  GSocketConnection      *connection,
                  GObject                *source,
                  gpointer                user_data)
{
  Server *server = user_data;
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *request = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) parts = NULL;

  g_socket_set_timeout (g_socket_connection_get_socket (connection), 5);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);

  request = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  if (request == NULL)
    return TRUE;

  /* Counted at once: whatever reached us is a leak, even a request we cannot parse */
  parts = g_strsplit (request, " ", 3);
  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->paths, g_strdup (g_strv_length (parts) >= 2 ? parts[1] : request));
  g_mutex_unlock (&server->lock);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

      if (line == NULL || *line == '\0')
        break;
    }

  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (server->png));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (server->png, NULL), g_bytes_get_size (server->png),
                             NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static GBytes *
make_png (void)
{
  static const guchar pixel[] = { 0xff, 0x00, 0x00, 0xff };
  g_autoptr(GBytes) data = g_bytes_new_static (pixel, sizeof pixel);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (1, 1, GDK_MEMORY_R8G8B8A8, data, 4);

  return gdk_texture_save_to_png_bytes (texture);
}

static Server *
server_start (void)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&server->lock);
  server->paths = g_ptr_array_new_with_free_func (g_free);
  server->png = make_png ();
  server->service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "run", G_CALLBACK (on_server_run_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
server_stop (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_ptr_array_unref (server->paths);
  g_bytes_unref (server->png);
  g_mutex_clear (&server->lock);
  g_free (server);
}

/* The paths requested so far, joined by spaces, for messages */
static char *
server_dup_paths (Server *server,
                  guint  *n)
{
  GString *all = g_string_new (NULL);

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len; i++)
    g_string_append_printf (all, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (server->paths, i));
  *n = server->paths->len;
  g_mutex_unlock (&server->lock);

  return g_string_free (all, FALSE);
}

/* Conditions on what reached the server, for wait_until () and assert_holds_for () */
typedef struct {
  Server     *server;
  guint       n;          /* for server_count_is () */
  const char *paths[3];   /* for server_got () and server_lacks (), NULL-terminated */
} Expect;

static gboolean
server_count_is (gpointer data)
{
  Expect *e = data;
  g_autofree char *paths = NULL;
  guint n;

  paths = server_dup_paths (e->server, &n);
  if (n != e->n)
    g_test_message ("Requested: %s", paths);
  return n == e->n;
}

/* How many of the expected paths were requested */
static guint
server_n_got (Expect *e)
{
  g_autofree char *paths = NULL;
  guint n, got = 0;

  paths = server_dup_paths (e->server, &n);
  for (guint i = 0; e->paths[i] != NULL; i++)
    if (strstr (paths, e->paths[i]) != NULL)
      got++;
  return got;
}

static gboolean
server_got (gpointer data)
{
  Expect *e = data;

  return server_n_got (e) == g_strv_length ((char **) e->paths);
}

static gboolean
server_lacks (gpointer data)
{
  Expect *e = data;
  g_autofree char *paths = NULL;
  guint n;

  if (server_n_got (e) == 0)
    return TRUE;
  paths = server_dup_paths (e->server, &n);
  g_test_message ("Requested: %s", paths);
  return FALSE;
}

typedef struct {
  Server          *server;
  GtkWindow       *window;
  KithMessageView *view;
  WebKitWebView   *web_view;
  guint            loads_started;
  guint            loads_finished;
  GPtrArray       *activated;     /* URIs given to ::activate-link */
} Fixture;

static gboolean
on_activate_link_cb (KithMessageView *view,
                     const char      *uri,
                     Fixture         *f)
{
  g_ptr_array_add (f->activated, g_strdup (uri));
  return TRUE;   /* no browser in a test */
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = server_start ();
  f->activated = g_ptr_array_new_with_free_func (g_free);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 640, 480);
  f->view = KITH_MESSAGE_VIEW (kith_message_view_new ());
  g_signal_connect (f->view, "activate-link", G_CALLBACK (on_activate_link_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  wait_until (is_mapped, f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  server_stop (f->server);
  g_ptr_array_unref (f->activated);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
on_load_changed_cb (WebKitWebView   *web_view,
                    WebKitLoadEvent  event,
                    Fixture         *f)
{
  if (event == WEBKIT_LOAD_STARTED)
    f->loads_started++;
  else if (event == WEBKIT_LOAD_FINISHED)
    f->loads_finished++;
}

/* The view copes (it says the message could not be shown), but nothing in these messages may
 * crash WebKit: say so, rather than time out waiting for what it would have shown */
static void
on_web_process_terminated_cb (WebKitWebView                     *web_view,
                              WebKitWebProcessTerminationReason  reason,
                              Fixture                           *f)
{
  if (reason != WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    g_error ("WebKit's web process ended (%s) while showing the message",
             reason == WEBKIT_WEB_PROCESS_CRASHED ? "crashed" : "out of memory");
}

static gboolean
loads_finished (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];

  return f->loads_finished >= GPOINTER_TO_UINT (args[1]);
}

/* Sets an HTML body and waits until WebKit has finished loading it */
static void
show_html (Fixture    *f,
           const char *html)
{
  guint before = f->loads_finished;
  gpointer args[] = { f, GUINT_TO_POINTER (before + 1) };

  kith_message_view_set_body (f->view, html, "html");
  if (f->web_view == NULL)
    {
      f->web_view = WEBKIT_WEB_VIEW (find_descendant (GTK_WIDGET (f->view), WEBKIT_TYPE_WEB_VIEW));
      g_assert_nonnull (f->web_view);
      g_signal_connect (f->web_view, "load-changed", G_CALLBACK (on_load_changed_cb), f);
      g_signal_connect (f->web_view, "web-process-terminated", G_CALLBACK (on_web_process_terminated_cb), f);
    }
  wait_until (loads_finished, args);
}

static void
test_text_body (Fixture       *f,
                gconstpointer  data)
{
  const char *body = "Hi Ada,\n\nthe <draft> is at https://example.com/a?b=1&c=2. Write to ada@example.com\n";
  GtkLabel *label;

  kith_message_view_set_body (f->view, body, "text");

  label = find_label (GTK_WIDGET (f->view), body);
  g_assert_nonnull (label);
  wait_until (is_mapped, label);
  g_assert_true (gtk_label_get_selectable (label));
  g_assert_true (gtk_label_get_wrap (label));

  /* Links are clickable, without the full stop that ends the sentence */
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<a href=\"https://example.com/a?b=1&amp;c=2\">"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<a href=\"mailto:ada@example.com\">"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "&lt;draft&gt;"));

  /* No web view is made for text */
  g_assert_null (find_descendant (GTK_WIDGET (f->view), WEBKIT_TYPE_WEB_VIEW));
  g_assert_false (kith_message_view_get_has_remote_content (f->view));
}

/* A message from the Inbox: its preview at once, its body once read, and the next message's
 * text when another is shown */
static void
test_message (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KithMessage) message = kith_message_new (1);
  g_autoptr(KithMessage) other = kith_message_new (2);
  GtkLabel *label;

  kith_message_set_preview (message, "Could we see the house");
  kith_message_view_set_message (f->view, message);
  label = find_label (GTK_WIDGET (f->view), "Could we see the house");
  g_assert_nonnull (label);
  wait_until (is_mapped, label);

  kith_message_set_body (message, "Could we see the house again on Saturday?\n", "text");
  g_assert_true (find_label (GTK_WIDGET (f->view), "Could we see the house again on Saturday?\n") == label);

  kith_message_set_body (other, "The survey is in", "text");
  kith_message_view_set_message (f->view, other);
  g_assert_nonnull (find_label (GTK_WIDGET (f->view), "The survey is in"));

  /* The first message's body changing no longer shows */
  kith_message_set_body (message, "Something else", "text");
  g_assert_null (find_label (GTK_WIDGET (f->view), "Something else"));
}

static gboolean
has_title (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (webkit_web_view_get_title (f->web_view), "") > 0;
}

static void
test_html_no_script_no_remote (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *paths = NULL;
  GtkRevealer *banner;
  guint n;
  Expect none = { f->server, 0 };
  Expect pixel = { f->server, 0, { "/pixel.png" } };
  Expect not_followed = { f->server, 0, { "/refresh", "/frame.html" } };

  /* Everything that could fetch from the server, one path each, so a leak names itself */
  html = g_strdup_printf ("<html><head><title>inbox</title></head><body>"
                          "<script>document.title='pwned'</script>"
                          "<p onmouseover=\"document.title='pwned'\">Hello</p>"
                          "<img src=\"http://127.0.0.1:%1$u/pixel.png\">"
                          "<img srcset=\"http://127.0.0.1:%1$u/srcset.png 1x\">"
                          "<link rel=\"stylesheet\" href=\"http://127.0.0.1:%1$u/style.css\">"
                          "<link rel=\"prefetch\" href=\"http://127.0.0.1:%1$u/prefetch\">"
                          "<link rel=\"preload\" as=\"image\" href=\"http://127.0.0.1:%1$u/preload.png\">"
                          "<link rel=\"icon\" href=\"http://127.0.0.1:%1$u/favicon.png\">"
                          "<style>@import url(http://127.0.0.1:%1$u/import.css);"
                          " .bg { background-image: url('http://127.0.0.1:%1$u/bg.png') }"
                          " @font-face { font-family: f; src: url(http://127.0.0.1:%1$u/font.woff) }</style>"
                          "<table background=\"http://127.0.0.1:%1$u/table.png\"><tr>"
                          "<td class=\"bg\" style=\"font-family: f\">cell</td></tr></table>"
                          "<video poster=\"http://127.0.0.1:%1$u/poster.png\"></video>"
                          "<iframe src=\"http://127.0.0.1:%1$u/frame.html\"></iframe>"
                          "<object data=\"http://127.0.0.1:%1$u/object\"></object>"
                          "<svg><image href=\"http://127.0.0.1:%1$u/svg.png\" width=\"1\" height=\"1\"/></svg>"
                          "<form action=\"http://127.0.0.1:%1$u/form\"><input type=\"image\" src=\"http://127.0.0.1:%1$u/input.png\"></form>"
                          "<meta http-equiv=\"refresh\" content=\"0; url=http://127.0.0.1:%1$u/refresh\">"
                          "</body></html>",
                          f->server->port);

  show_html (f, html);

  /* The page's own title, not the script's: the body was shown and no script ran */
  wait_until (has_title, f);
  g_assert_cmpstr (webkit_web_view_get_title (f->web_view), ==, "inbox");
  g_assert_cmpstr (webkit_web_view_get_uri (f->web_view), ==, "about:blank");
  /* Through the refresh timer, font and frame loads */
  assert_holds_for (server_count_is, &none, 1500, "the message reaches no server before Load Images");
  g_assert_cmpstr (webkit_web_view_get_uri (f->web_view), ==, "about:blank");

  /* A meta refresh is not the user's click: nothing is opened in the browser either */
  g_assert_cmpuint (f->activated->len, ==, 0);

  /* Scripts are held off three ways: the settings, the markup filter, and the policy */
  {
    WebKitSettings *settings = webkit_web_view_get_settings (f->web_view);

    g_assert_false (webkit_settings_get_enable_javascript (settings));
    g_assert_false (webkit_settings_get_enable_javascript_markup (settings));
    g_assert_false (webkit_settings_get_javascript_can_open_windows_automatically (settings));
    g_assert_false (webkit_settings_get_enable_developer_extras (settings));
    g_assert_false (webkit_settings_get_enable_webgl (settings));
  }

  g_assert_true (kith_message_view_get_has_remote_content (f->view));
  banner = GTK_REVEALER (find_descendant (GTK_WIDGET (f->view), GTK_TYPE_REVEALER));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (find_label (GTK_WIDGET (banner), "Images from the web are hidden to protect your privacy"));

  /* Load Images: the button in the banner */
  {
    GtkWidget *button = find_descendant (GTK_WIDGET (banner), GTK_TYPE_BUTTON);
    guint before = f->loads_finished;
    gpointer args[] = { f, GUINT_TO_POINTER (before + 1) };

    g_assert_nonnull (button);
    wait_until (is_mapped, button);
    wait_for_frames (button);
    click (button);
    wait_until (loads_finished, args);
  }
  wait_until (server_got, &pixel);
  assert_holds_for (server_lacks, &not_followed, 1500, "neither the refresh nor the frame is followed");

  paths = server_dup_paths (f->server, &n);
  g_test_message ("Requested after Load Images: %s", paths);
  wait_until (has_title, f);
  g_assert_cmpstr (webkit_web_view_get_title (f->web_view), ==, "inbox");
  g_assert_cmpstr (webkit_web_view_get_uri (f->web_view), ==, "about:blank");
  g_assert_false (kith_message_view_get_has_remote_content (f->view));
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* Load Images was for that message only */
  {
    Expect same = { f->server, n };

    show_html (f, html);
    assert_holds_for (server_count_is, &same, 1000, "the next message reaches no server");
    g_assert_true (kith_message_view_get_has_remote_content (f->view));
    g_assert_true (gtk_revealer_get_reveal_child (banner));
  }

  /* And a text body after it has no banner */
  kith_message_view_set_body (f->view, "Plain", "text");
  g_assert_false (kith_message_view_get_has_remote_content (f->view));
  g_assert_false (gtk_revealer_get_reveal_child (banner));
}

static void
test_html_local_images_no_banner (Fixture       *f,
                                  gconstpointer  data)
{
  /* Inline images and plain links are not remote content */
  show_html (f, "<p><a href=\"https://example.com/\">link</a></p>"
                "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==\">");
  g_assert_false (kith_message_view_get_has_remote_content (f->view));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find_descendant (GTK_WIDGET (f->view), GTK_TYPE_REVEALER))));
}

static gboolean
has_activated (gpointer data)
{
  Fixture *f = data;

  return f->activated->len > 0;
}

/* After a click: the link handed out once, and the view where it was */
static gboolean
link_handed_out_only (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];
  guint n;
  g_autofree char *paths = server_dup_paths (f->server, &n);

  return f->activated->len == 1 && g_str_equal (g_ptr_array_index (f->activated, 0), args[1]) &&
         g_strcmp0 (webkit_web_view_get_uri (f->web_view), "about:blank") == 0 &&
         f->loads_started == GPOINTER_TO_UINT (args[2]) && n == 0;
}

static void
test_link_click_does_not_navigate (Fixture       *f,
                                   gconstpointer  data)
{
  static const char *targets[] = { "", " target=\"_blank\"" };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *html = NULL;
      g_autofree char *expected = NULL;
      guint started;

      expected = g_strdup_printf ("http://127.0.0.1:%u/clicked", f->server->port);
      /* The link covers the whole view, so any click lands on it */
      html = g_strdup_printf ("<a href=\"%s\"%s style=\"display: block; position: fixed; inset: 0\">Click</a>",
                              expected, targets[i]);
      show_html (f, html);
      wait_until (is_mapped, f->web_view);
      g_ptr_array_set_size (f->activated, 0);
      started = f->loads_started;

      click (GTK_WIDGET (f->web_view));

      /* The view hands the link out, and stays where it was */
      wait_until (has_activated, f);
      {
        gpointer args[] = { f, expected, GUINT_TO_POINTER (started) };

        assert_holds_for (link_handed_out_only, args, 500, "the link is handed out once and not followed");
      }
    }
}

/* The real window on a real store, for the message window opened from a profile */
typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} AppFixture;

static void
app_set_up (AppFixture    *f,
            gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
}

static void
app_tear_down (AppFixture    *f,
               gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
profile_shows_email (gpointer data)
{
  GtkWidget *row = find_where (data, has_css_class, "email-row");

  return row != NULL && gtk_widget_get_mapped (row);
}

static GtkWidget *
message_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_has_css_class (window, "kith-message-window") && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

static gboolean
message_window_shown (gpointer data)
{
  return message_window () != NULL;
}

/* Opens the only email on the profile of @name as a user does, and returns its window, drawn */
static GtkWidget *
open_email (AppFixture *f,
            const char *name)
{
  GtkWidget *row;
  GtkWidget *window;

  open_from_list (f->window, KITH_RECORD_PERSON, name);
  wait_until (profile_shows_email, profile_page (f->window));
  row = find_where (GTK_WIDGET (profile_page (f->window)), has_css_class, "email-row");
  scroll_into_view (row);
  wait_for_frames (row);
  click (row);
  wait_until (message_window_shown, NULL);
  window = message_window ();
  wait_for_frames (window);
  return window;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The label beside the caption @caption ("From", "To", …), on screen; %NULL if none */
static GtkLabel *
header_label (GtkWidget  *window,
              const char *caption)
{
  GtkWidget *label = find_where (window, is_label, caption);
  GtkWidget *value;
  GtkGrid *grid;
  int row;

  if (label == NULL || !gtk_widget_get_mapped (label))
    return NULL;
  grid = GTK_GRID (gtk_widget_get_parent (label));
  gtk_grid_query_child (grid, label, NULL, &row, NULL, NULL);
  value = gtk_grid_get_child_at (grid, 1, row);
  return value != NULL && gtk_widget_get_mapped (value) ? GTK_LABEL (value) : NULL;
}

static const char *
header_value (GtkWidget  *window,
              const char *caption)
{
  GtkLabel *label = header_label (window, caption);

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

static gboolean
has_selection (GtkWidget     *widget,
               gconstpointer  unused)
{
  return GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), NULL, NULL);
}

/* For assert_holds_for (): the window has the focus, not a label in it, and no text is selected */
static gboolean
nothing_selected_or_focused (gpointer window)
{
  return gtk_root_get_focus (window) == NULL && find_where (window, has_selection, NULL) == NULL;
}

static gboolean
focus_on_from (gpointer window)
{
  GtkLabel *from = header_label (window, "From");

  return from != NULL && gtk_widget_has_focus (GTK_WIDGET (from));
}

/* An email opened from a profile says who it is from and to, and when, as a user reads it;
 * nothing in it is selected and no label has the focus */
static void
test_window_header (AppFixture    *f,
                    gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *selected;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"bob@client.example\", "
                          "\"recipients\": [{\"value\": \"ada@example.com\", \"name\": \"Ada Lovelace\", \"role\": \"to\"}, "
                          "{\"value\": \"grace@example.com\", \"role\": \"to\"}, "
                          "{\"value\": \"carol@agency.example\", \"name\": \"Carol Agent\", \"role\": \"cc\"}, "
                          "{\"value\": \"hidden@example.com\", \"role\": \"bcc\"}], "
                          "\"date\": \"2025-11-06T09:05:00Z\", \"subject\": \"The survey\", \"direction\": \"inbound\", "
                          "\"body\": \"The surveyor found damp in the cellar; see the report.\"}");

  window = open_email (f, "Bob Buyer");

  /* The sender's name is their record's, as the email gave none */
  g_assert_cmpstr (header_value (window, "From"), ==, "Bob Buyer <bob@client.example>");
  g_assert_cmpstr (header_value (window, "To"), ==, "Ada Lovelace <ada@example.com>, grace@example.com");
  g_assert_cmpstr (header_value (window, "Cc"), ==, "Carol Agent <carol@agency.example>");
  g_assert_cmpstr (header_value (window, "Date"), ==, "Thu 6 Nov 2025 at 09:05");
  g_assert_null (find_where (window, is_label, "Bcc"));
  g_assert_nonnull (find_where (window, is_label, "The surveyor found damp in the cellar; see the report."));

  save_png (window, "message-window.png");

  selected = find_where (window, has_selection, NULL);
  if (selected != NULL)
    g_error ("“%s” is selected when the message opens", gtk_label_get_text (GTK_LABEL (selected)));
  assert_holds_for (nothing_selected_or_focused, window, 500, "nothing is selected or focused in the message");

  /* By keyboard: still nothing once the window is active; Tab reaches the From line, Escape
   * closes the window */
  focus_window (window);
  g_assert_true (nothing_selected_or_focused (window));
  press_keys ("Tab");
  wait_until (focus_on_from, window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  press_keys ("Escape");
  wait_until (is_gone, &window);
}

/* Without Cc, and from someone who is no contact: no Cc line, the address alone */
static void
test_window_header_no_cc (AppFixture    *f,
                          gconstpointer  data)
{
  GtkWidget *window;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  seed_add (f->t, "item", "{\"style\": \"email\", \"from\": \"me@agency.example\", "
                          "\"recipients\": [{\"value\": \"bob@client.example\", \"role\": \"to\"}], "
                          "\"date\": \"2025-11-07T17:30:00Z\", \"subject\": \"Viewing\", \"direction\": \"outbound\", "
                          "\"body\": \"Saturday at ten?\"}");

  window = open_email (f, "Bob Buyer");

  g_assert_cmpstr (header_value (window, "From"), ==, "me@agency.example");
  g_assert_cmpstr (header_value (window, "To"), ==, "Bob Buyer <bob@client.example>");
  g_assert_null (header_value (window, "Cc"));
  g_assert_cmpstr (header_value (window, "Date"), ==, "Fri 7 Nov 2025 at 17:30");
  g_assert_true (nothing_selected_or_focused (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sixty recipients: the To line ends in an ellipsis, with all of them in its tooltip; the window
 * keeps its size and the body stays in sight */
static void
test_window_many_recipients (AppFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"style\": \"email\", \"from\": \"bob@client.example\", "
                                          "\"subject\": \"To everyone\", \"direction\": \"inbound\", "
                                          "\"body\": \"Open house on Sunday\", \"recipients\": [");
  GtkWidget *window;
  GtkWidget *body;
  graphene_rect_t bounds;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (json, "%s{\"value\": \"neighbour%u@street.example\", \"name\": \"Neighbour %u\"}",
                            i > 0 ? ", " : "", i, i);
  g_string_append (json, "]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  seed_add (f->t, "item", json->str);

  window = open_email (f, "Bob Buyer");

  g_assert_nonnull (strstr (header_value (window, "To"), "Neighbour 59 <neighbour59@street.example>"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (header_label (window, "To"))),
                            "Neighbour 59 <neighbour59@street.example>"));
  g_assert_cmpint (gtk_widget_get_height (window), <=, 600);
  body = find_where (window, is_label, "Open house on Sunday");
  g_assert_nonnull (body);
  g_assert_true (gtk_widget_get_mapped (body));
  g_assert_true (gtk_widget_compute_bounds (body, window, &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_web_view_loaded (GtkWidget     *widget,
                    gconstpointer  unused)
{
  return WEBKIT_IS_WEB_VIEW (widget) && !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (widget)) &&
         g_strcmp0 (webkit_web_view_get_title (WEBKIT_WEB_VIEW (widget)), "") > 0;
}

static gboolean
shows_loaded_web_view (gpointer window)
{
  return find_where (window, is_web_view_loaded, NULL) != NULL;
}

/* An HTML email opened from a profile keeps the message view's rules: no script runs and nothing
 * is fetched until the user asks for images */
static void
test_window_html (AppFixture    *f,
                  gconstpointer  data)
{
  Server *server = server_start ();
  Expect none = { server, 0 };
  g_autofree char *html = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *json = NULL;
  GtkWidget *window;
  GtkWidget *banner;
  WebKitWebView *web_view;

  html = g_strdup_printf ("<html><head><title>survey</title></head><body>"
                          "<script>document.title='pwned'</script>"
                          "<p>The report</p><img src=\"http://127.0.0.1:%u/pixel.png\"></body></html>",
                          server->port);
  escaped = g_strescape (html, NULL);
  json = g_strdup_printf ("{\"style\": \"email\", \"from\": \"bob@client.example\", \"subject\": \"The survey\", "
                          "\"direction\": \"inbound\", \"bodytype\": \"html\", \"body\": \"%s\"}", escaped);
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  seed_add (f->t, "item", json);

  window = open_email (f, "Bob Buyer");
  wait_until (shows_loaded_web_view, window);
  web_view = WEBKIT_WEB_VIEW (find_where (window, is_web_view_loaded, NULL));

  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "survey");
  g_assert_cmpstr (header_value (window, "From"), ==, "Bob Buyer <bob@client.example>");
  banner = find_where (window, is_label, "Images from the web are hidden to protect your privacy");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));
  assert_holds_for (server_count_is, &none, 1000, "the message reaches no server before Load Images");
  g_assert_true (nothing_selected_or_focused (window));

  gtk_window_destroy (GTK_WINDOW (window));
  server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* Only outside the test harness, which runs an X server */
      g_print ("1..0 # SKIP no display: run through build-aux/dev test\n");
      return 0;
    }

  /* The dates the window shows, as a user in this zone reads them */
  g_setenv ("TZ", "UTC", TRUE);
  gui_test_init (&argc, &argv);

  g_test_add ("/message-view/text", Fixture, NULL, fixture_set_up, test_text_body, fixture_tear_down);
  g_test_add ("/message-view/message", Fixture, NULL, fixture_set_up, test_message, fixture_tear_down);
  g_test_add ("/message-view/html-no-script-no-remote", Fixture, NULL, fixture_set_up,
              test_html_no_script_no_remote, fixture_tear_down);
  g_test_add ("/message-view/html-local-images", Fixture, NULL, fixture_set_up,
              test_html_local_images_no_banner, fixture_tear_down);
  g_test_add ("/message-view/link-click", Fixture, NULL, fixture_set_up,
              test_link_click_does_not_navigate, fixture_tear_down);
  g_test_add ("/message-window/header", AppFixture, NULL, app_set_up, test_window_header, app_tear_down);
  g_test_add ("/message-window/header-no-cc", AppFixture, NULL, app_set_up, test_window_header_no_cc, app_tear_down);
  g_test_add ("/message-window/html", AppFixture, NULL, app_set_up, test_window_html, app_tear_down);
  g_test_add ("/message-window/many-recipients", AppFixture, NULL, app_set_up, test_window_many_recipients,
              app_tear_down);

  return g_test_run ();
}
