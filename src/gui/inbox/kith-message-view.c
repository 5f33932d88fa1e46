/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMessageView"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "kith-message.h"
#include "kith-message-view.h"

/*
 * The body of one email. Text goes into a selectable label with its links made clickable.
 * HTML goes into a WebKitWebView that runs no scripts, loads nothing from the network until the
 * user asks for this message's images, and never navigates: a clicked link opens in the
 * browser. The view scrolls its own content, so give it the remaining height of the pane
 * rather than putting it into a GtkScrolledWindow (a web view there stays at its minimum).
 *
 * Remote content is kept out by a Content-Security-Policy <meta> at the top of a wrapper
 * document around the message. The message comes after it, so whatever policy it declares can
 * only add restrictions. The network session is ephemeral, so images loaded on request leave
 * no cookies behind.
 */

#define WEB_VIEW_MIN_HEIGHT 300

#define CSP_COMMON "default-src 'none'; base-uri 'none'; form-action 'none'; "
#define CSP_BLOCKED CSP_COMMON "img-src data: cid:; style-src 'unsafe-inline'; font-src data:"
#define CSP_REMOTE CSP_COMMON "img-src data: cid: http: https:; " \
                   "style-src 'unsafe-inline' http: https:; font-src data: http: https:"

/* No doctype: the message's own cannot come first anyway, and much mail HTML expects the
 * quirks-mode table layout. The DNS prefetch switch stops <link rel=dns-prefetch> leaks,
 * which CSP does not cover. */
#define WRAPPER_HEAD \
  "<html><head><meta charset=\"utf-8\">" \
  "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">" \
  "<meta http-equiv=\"x-dns-prefetch-control\" content=\"off\">" \
  "<meta name=\"referrer\" content=\"no-referrer\">" \
  "<style>body { margin: 12px; overflow-wrap: break-word; }</style>" \
  "</head><body>"
#define WRAPPER_TAIL "</body></html>"

struct _KithMessageView
{
  GtkWidget      parent_instance;

  GtkWidget     *banner;
  GtkWidget     *stack;
  GtkLabel      *text_label;
  WebKitWebView *web_view;      /* made for the first HTML body */

  KithMessage   *message;
  char          *html;          /* the HTML body shown, for Load Images */
  guint          has_remote_content : 1;
  guint          remote_allowed : 1;
};

G_DEFINE_FINAL_TYPE (KithMessageView, kith_message_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HAS_REMOTE_CONTENT,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GRegex *
remote_regex (void)
{
  static GRegex *regex;

  /* Approximate, by design: attributes and CSS that fetch resources, followed by an absolute
   * http(s) URL. It can miss entity-encoded or CSS-escaped URLs (then there is no banner, but
   * the policy still blocks them) and it counts sources that stay blocked even after Load
   * Images, such as scripts and frames. <a href> is not remote content, so only <link href>
   * counts. */
  if (regex == NULL)
    regex = g_regex_new ("(?:\\b(?:src|srcset|background|poster)\\s*=\\s*[\"']?"
                         "|url\\(\\s*[\"']?"
                         "|@import\\s+[\"']?"
                         "|<link\\b[^>]*?\\bhref\\s*=\\s*[\"']?)"
                         "\\s*https?://",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  return regex;
}

static GRegex *
link_regex (void)
{
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("\\b(?:https?://|www\\.|mailto:)[^\\s<>\"]+"
                         "|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  return regex;
}

static gboolean
refers_to_remote_content (const char *html)
{
  return g_regex_match (remote_regex (), html, 0, NULL);
}

/* The length of a link found in text, without the punctuation that ends a sentence around it */
static gsize
trim_link (const char *link,
           gsize       len)
{
  while (len > 0)
    {
      char last = link[len - 1];

      if (strchr (".,;:!?'\"", last) != NULL)
        len--;
      else if (last == ')' || last == ']')
        {
          char open = last == ')' ? '(' : '[';
          int balance = 0;

          for (gsize i = 0; i < len; i++)
            balance += link[i] == open ? 1 : link[i] == last ? -1 : 0;
          if (balance >= 0)
            break;
          len--;
        }
      else
        break;
    }

  return len;
}

static void
append_escaped (GString    *markup,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (markup, escaped);
}

static char *
linkify (const char *text)
{
  GString *markup = g_string_new (NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize done = 0;

  g_regex_match (link_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *shown = NULL;
      g_autofree char *href = NULL;
      g_autofree char *anchor = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      end = start + trim_link (text + start, end - start);
      if ((gsize) start >= done && end > start)
        {
          shown = g_strndup (text + start, end - start);
          if (g_ascii_strncasecmp (shown, "www.", 4) == 0)
            href = g_strconcat ("https://", shown, NULL);
          else if (strstr (shown, "://") == NULL && g_ascii_strncasecmp (shown, "mailto:", 7) != 0)
            href = g_strconcat ("mailto:", shown, NULL);
          else
            href = g_strdup (shown);

          append_escaped (markup, text + done, start - done);
          anchor = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", href, shown);
          g_string_append (markup, anchor);
          done = end;
        }
      g_match_info_next (match, NULL);
    }
  append_escaped (markup, text + done, -1);

  return g_string_free (markup, FALSE);
}

static void
set_has_remote_content (KithMessageView *self,
                        gboolean         has_remote_content)
{
  if (self->has_remote_content == !!has_remote_content)
    return;

  self->has_remote_content = !!has_remote_content;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_REMOTE_CONTENT]);
}

static void
activate_link (KithMessageView *self,
               const char      *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  gboolean handled = FALSE;
  GtkRoot *root;

  /* Anything else (file:, custom schemes of other applications) is not for a mail to start */
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 &&
       g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "mailto") != 0))
    return;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  if (handled)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
load_html (KithMessageView *self)
{
  g_autoptr(GString) document = g_string_new (NULL);

  g_assert (self->web_view != NULL);

  g_string_append_printf (document, WRAPPER_HEAD, self->remote_allowed ? CSP_REMOTE : CSP_BLOCKED);
  g_string_append (document, self->html != NULL ? self->html : "");
  g_string_append (document, WRAPPER_TAIL);

  /* A NULL base makes it about:blank: no file: access, relative URLs lead nowhere */
  webkit_web_view_load_html (self->web_view, document->str, NULL);
}

static WebKitWebContext *
get_web_context (void)
{
  static WebKitWebContext *context;

  /* One for all message views, kept for the life of the process: its network process is the
   * slow part of the first HTML message */
  if (context == NULL)
    {
      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
    }

  return context;
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

static WebKitSettings *
make_settings (void)
{
  WebKitSettings *settings = webkit_settings_new ();

  /* enable-javascript-markup also strips script elements and on* attributes while parsing */
  webkit_settings_set_enable_javascript (settings, FALSE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_javascript_can_access_clipboard (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_media (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_webrtc (settings, FALSE);
  webkit_settings_set_enable_fullscreen (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_top_navigation_to_data_urls (settings, FALSE);
  webkit_settings_set_default_charset (settings, "utf-8");
  /* A message is a static page: it needs no GPU compositing, and where GL is Mesa's software
   * rasterizer (virtual machines, Xvfb) the compositor can take the page's process down */
  webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  return settings;
}

static void
on_banner_button_clicked_cb (KithMessageView *self)
{
  kith_message_view_load_remote_content (self);
}

static gboolean
on_text_label_activate_link_cb (KithMessageView *self,
                                const char      *uri)
{
  activate_link (self, uri);
  return TRUE;
}

static gboolean
on_web_view_decide_policy_cb (KithMessageView          *self,
                              WebKitPolicyDecision     *decision,
                              WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
             WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* Our own load_html () and srcdoc frames; in-page anchors scroll within the message */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      (g_str_has_prefix (uri, "about:blank#") ||
       (!webkit_navigation_action_is_user_gesture (action) &&
        (g_str_equal (uri, "about:blank") || g_str_equal (uri, "about:srcdoc")))))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* Meta refreshes, form submissions, drops: dropped silently. With scripts off, only the
   * user can click. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    activate_link (self, uri);

  return TRUE;
}

static GtkWidget *
on_web_view_create_cb (void)
{
  return NULL;
}

static gboolean
on_web_view_context_menu_cb (KithMessageView   *self,
                             WebKitContextMenu *menu)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Copying is all there is to do: opening, reloading or downloading would go around the
   * navigation policy or fetch from the network */
  for (GList *l = items; l != NULL; l = l->next)
    {
      switch (webkit_context_menu_item_get_stock_action (l->data))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;
        default:
          webkit_context_menu_remove (menu, l->data);
        }
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
on_web_view_authenticate_cb (KithMessageView             *self,
                             WebKitAuthenticationRequest *request)
{
  /* A remote image must not put a password prompt inside a message */
  webkit_authentication_request_cancel (request);
  return TRUE;
}

static void
on_web_view_mouse_target_changed_cb (KithMessageView     *self,
                                     WebKitHitTestResult *hit)
{
  /* Where a link really goes, whatever its text says */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->web_view),
                               webkit_hit_test_result_context_is_link (hit)
                               ? webkit_hit_test_result_get_link_uri (hit) : NULL);
}

static void
on_web_view_web_process_terminated_cb (KithMessageView                  *self,
                                       WebKitWebProcessTerminationReason reason)
{
  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  g_debug ("Web process ended (%d) while showing a message", reason);
  set_has_remote_content (self, FALSE);
  gtk_label_set_text (self->text_label, _("This message could not be shown."));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "text");
}

/* The web view is made in code, for the first HTML body, not in the template: a session that
 * only ever shows text never starts WebKit's processes */
static void
ensure_web_view (KithMessageView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;

  if (self->web_view != NULL)
    return;

  settings = make_settings ();
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", get_web_context (),
                                 "network-session", get_network_session (),
                                 "settings", settings,
                                 "vexpand", TRUE,
                                 "height-request", WEB_VIEW_MIN_HEIGHT,
                                 NULL);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (on_web_view_decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->web_view, "create", G_CALLBACK (on_web_view_create_cb), NULL);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (on_web_view_context_menu_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "authenticate",
                           G_CALLBACK (on_web_view_authenticate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "mouse-target-changed",
                           G_CALLBACK (on_web_view_mouse_target_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (on_web_view_web_process_terminated_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->web_view), "html");
}

static void
kith_message_view_dispose (GObject *object)
{
  KithMessageView *self = KITH_MESSAGE_VIEW (object);

  self->web_view = NULL;   /* a child of the stack */
  kith_message_view_set_message (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MESSAGE_VIEW);

  G_OBJECT_CLASS (kith_message_view_parent_class)->dispose (object);
}

static void
kith_message_view_finalize (GObject *object)
{
  KithMessageView *self = KITH_MESSAGE_VIEW (object);

  g_clear_pointer (&self->html, g_free);

  G_OBJECT_CLASS (kith_message_view_parent_class)->finalize (object);
}

static void
kith_message_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithMessageView *self = KITH_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_HAS_REMOTE_CONTENT:
      g_value_set_boolean (value, self->has_remote_content);
      break;

    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithMessageView *self = KITH_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      kith_message_view_set_message (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_view_class_init (KithMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_message_view_dispose;
  object_class->finalize = kith_message_view_finalize;
  object_class->get_property = kith_message_view_get_property;
  object_class->set_property = kith_message_view_set_property;

  /**
   * KithMessageView:has-remote-content:
   *
   * The HTML body refers to images, style sheets or fonts on the web that are being held back.
   */
  properties[PROP_HAS_REMOTE_CONTENT] =
    g_param_spec_boolean ("has-remote-content", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KithMessageView:message:
   *
   * The message whose body is shown: its preview until the body is loaded.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, KITH_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithMessageView::activate-link:
   * @uri: an http, https or mailto URI
   *
   * The user clicked a link in the message. Return %TRUE to handle it; otherwise it is opened
   * with the default application.
   */
  signals[ACTIVATE_LINK] = g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, g_signal_accumulator_true_handled, NULL, NULL,
                                         G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "messageview");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/inbox/kith-message-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMessageView, banner);
  gtk_widget_class_bind_template_child (widget_class, KithMessageView, stack);
  gtk_widget_class_bind_template_child (widget_class, KithMessageView, text_label);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_label_activate_link_cb);
}

static void
kith_message_view_init (KithMessageView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_message_view_new (void)
{
  return g_object_new (KITH_TYPE_MESSAGE_VIEW, NULL);
}

/**
 * kith_message_view_set_body:
 * @body: (nullable): the body, in UTF-8
 * @body_type: (nullable): "html" or "text" (the default)
 *
 * Shows @body. HTML is shown without scripts and without anything from the web, and
 * Load Images applies to this body only.
 */
void
kith_message_view_set_body (KithMessageView *self,
                            const char      *body,
                            const char      *body_type)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (KITH_IS_MESSAGE_VIEW (self));

  valid = g_utf8_make_valid (body != NULL ? body : "", -1);
  self->remote_allowed = FALSE;

  if (g_strcmp0 (body_type, "html") == 0)
    {
      g_free (self->html);
      self->html = g_steal_pointer (&valid);
      ensure_web_view (self);
      load_html (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "html");
      set_has_remote_content (self, refers_to_remote_content (self->html));
    }
  else
    {
      g_autofree char *markup = linkify (valid);

      gtk_label_set_markup (self->text_label, markup);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "text");
      set_has_remote_content (self, FALSE);

      /* Drop the previous HTML message, and whatever it was still loading */
      if (self->html != NULL)
        {
          g_clear_pointer (&self->html, g_free);
          load_html (self);
        }
    }
}

/**
 * kith_message_view_get_has_remote_content:
 *
 * Returns: %TRUE while the HTML body refers to images, style sheets or fonts on the web that
 *   are held back (detected approximately: see remote_regex ())
 */
gboolean
kith_message_view_get_has_remote_content (KithMessageView *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE_VIEW (self), FALSE);

  return self->has_remote_content;
}

/**
 * kith_message_view_load_remote_content:
 *
 * Reloads the HTML body with images, style sheets and fonts from the web allowed — for this
 * body only; the next kith_message_view_set_body () blocks them again. Scripts stay off.
 */
void
kith_message_view_load_remote_content (KithMessageView *self)
{
  g_return_if_fail (KITH_IS_MESSAGE_VIEW (self));

  if (self->html == NULL || self->remote_allowed)
    return;

  self->remote_allowed = TRUE;
  load_html (self);
  set_has_remote_content (self, FALSE);
}

static void
show_message (KithMessageView *self)
{
  const char *body = kith_message_get_body (self->message);

  kith_message_view_set_body (self, body != NULL ? body : kith_message_get_preview (self->message),
                              kith_message_get_body_type (self->message));
}

/**
 * kith_message_view_set_message:
 * @message: (nullable): the message to show
 *
 * Shows @message's body, and its body again when it changes (once it is loaded).
 */
void
kith_message_view_set_message (KithMessageView *self,
                               KithMessage     *message)
{
  g_return_if_fail (KITH_IS_MESSAGE_VIEW (self));
  g_return_if_fail (message == NULL || KITH_IS_MESSAGE (message));

  if (self->message == message)
    return;

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, show_message, self);
  g_set_object (&self->message, message);
  if (message != NULL)
    {
      g_signal_connect_object (message, "notify::body", G_CALLBACK (show_message), self, G_CONNECT_SWAPPED);
      show_message (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}
