package hosted_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// redY4M writes a small y4m video whose every pixel is pure red, for
// --use-file-for-fake-video-capture: what the page captures is then known
// (Chromium reads C420jpeg red back as about (254, 0, 0)).
func redY4M(t testing.TB) string {
	t.Helper()
	const w, h, frames = 320, 240, 4
	var b bytes.Buffer
	b.WriteString("YUV4MPEG2 W320 H240 F10:1 Ip A1:1 C420jpeg\n")
	y := bytes.Repeat([]byte{76}, w*h)
	u := bytes.Repeat([]byte{85}, w*h/4)
	v := bytes.Repeat([]byte{255}, w*h/4)
	for range frames {
		b.WriteString("FRAME\n")
		b.Write(y)
		b.Write(u)
		b.Write(v)
	}
	p := filepath.Join(t.TempDir(), "red.y4m")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	return p
}

// fetchImage GETs a media URL with no credential and decodes it.
func fetchImage(t testing.TB, url string) (image.Image, []byte) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, "GET %s: %s", url, body)
	require.Equal(t, "image/jpeg", res.Header.Get("Content-Type"))
	img, err := jpeg.Decode(bytes.NewReader(body))
	require.NoError(t, err)
	return img, body
}

// Flows the browser tests walk. Together with the outcome matrix they hold
// every node type and every outcome.
const conversationFlow = `[
 {"id":"start","type":"start","outcome":"intro"},
 {"id":"intro","type":"conversation","prompt":"Say: Hi! This is a quick check before your transfer.","doesNotRequireReply":true,
  "outcomes":[{"id":"n1","targetNodeId":"access","condition":""}]},
 {"id":"access","type":"permissions","prompt":"We need your camera and microphone.","permissions":{"camera":true,"microphone":true},
  "outcomes":{"permissionsGranted":"live","permissionsDenied":"stop"}},
 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"ask","deepfakeDetected":"stop","noFace":"stop","captureUnavailable":"stop"}},
 {"id":"ask","type":"conversation","prompt":"Say: Who is the transfer for, and how much is it?",
  "outcomes":[{"id":"ok","targetNodeId":"mail","condition":"The user names the recipient and amount"},
              {"id":"doubt","targetNodeId":"stop","condition":"The user hesitates"}]},
 {"id":"mail","type":"enter_email","prompt":"Please type your email address.","outcomes":{"emailEntered":"otp","canceled":"stop"}},
 {"id":"otp","type":"two_factor_email","outcomes":{"verified":"sms","delivery_failed":"stop","failed_unverified":"stop","cancelled":"stop","error":"stop"}},
 {"id":"sms","type":"two_factor_sms","maxAttempts":2,"outcomes":{"verified":"bye","delivery_failed":"stop","failed_unverified":"stop","cancelled":"stop","error":"stop"}},
 {"id":"bye","type":"conversation","prompt":"Say: All done, thank you.","doesNotRequireReply":true,"outcomes":[{"id":"fin","targetNodeId":"end","condition":""}]},
 {"id":"stop","type":"conversation","prompt":"Say: We cannot continue this transfer.","doesNotRequireReply":true,"outcomes":[{"id":"halt","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}
]`

const identityFlow = `[
 {"id":"start","type":"start","outcome":"access"},
 {"id":"access","type":"permissions","prompt":"We need your camera.","permissions":{"camera":true,"microphone":false},
  "outcomes":{"permissionsGranted":"doc","permissionsDenied":"stop"}},
 {"id":"doc","type":"document_scan","scanningMode":"automatic","allowedDocumentTypes":["passport","id"],
  "outcomes":{"scanSuccess":"selfie","userCancelled":"stop","scanTimeout":"stop"}},
 {"id":"selfie","type":"face_scan","outcomes":{"passed":"same","notPassed":"stop","cancelled":"stop","error":"stop"}},
 {"id":"same","type":"face_compare","sourceA":{"source":"documentPhoto"},"sourceB":{"source":"faceScan"},"similarityThreshold":0.8,
  "outcomes":{"match":"who","noMatch":"stop","imageUnavailable":"stop"}},
 {"id":"who","type":"recognition","outcomes":{"recognized":"adult","newUser":"adult","noFace":"stop"}},
 {"id":"adult","type":"data_validation","validation":{"field":"dateOfBirth","action":"olderThan","value":"18"},
  "outcomes":[{"id":"is_adult","targetNodeId":"end","condition":"at least 18"},{"id":"minor","targetNodeId":"stop","condition":"younger"}]},
 {"id":"stop","type":"conversation","prompt":"Say: We cannot continue.","doesNotRequireReply":true,"outcomes":[{"id":"halt","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}
]`

// redJPEG is a small red JPEG, as a document photo from a file.
func redJPEG(t testing.TB) (image.Image, []byte) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 40))
	for y := range 40 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{R: 200, A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, nil))
	return img, b.Bytes()
}
